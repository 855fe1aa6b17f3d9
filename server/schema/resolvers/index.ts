import type { Resolvers } from '../generated/resolvers-types';
import { AccountQueries, Mutation, User } from './accounts';
import { Kpi, PublishedFigure } from './figures';
import { Query } from './query';
import { Institution, Programme, Region, TargetGroup } from './reference';
import { scalarResolvers } from './scalars';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...AccountQueries },
  Mutation,
  User,
  Region,
  Institution,
  Programme,
  TargetGroup,
  PublishedFigure,
  Kpi,
};
