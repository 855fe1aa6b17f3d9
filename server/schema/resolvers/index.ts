import type { Resolvers } from '../generated/resolvers-types';
import { Kpi, PublishedFigure } from './figures';
import { Query } from './query';
import { Institution, Programme, Region, TargetGroup } from './reference';
import { scalarResolvers } from './scalars';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Region,
  Institution,
  Programme,
  TargetGroup,
  PublishedFigure,
  Kpi,
};
