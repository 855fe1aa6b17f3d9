import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RegionModel, InstitutionModel, ProgrammeModel, TargetGroupModel, PublishedFigureModel, KpiModel } from '../../catalog/models';
import type { UserRecord } from '../../auth/users';
import type { Context } from '../../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO calendar date, yyyy-mm-dd. */
  Date: { input: string; output: string; }
  /** An ISO 8601 date and time in UTC, e.g. 2026-11-23T15:00:00.000Z. */
  DateTime: { input: string; output: string; }
};

export type AggregateFilter = {
  ageBands?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only data loaded by then, so a cited link keeps showing the figures as they were. */
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  datasets?: InputMaybe<Array<Scalars['String']['input']>>;
  formats?: InputMaybe<Array<Scalars['String']['input']>>;
  /** First day of the period, inclusive. */
  from?: InputMaybe<Scalars['Date']['input']>;
  genders?: InputMaybe<Array<Scalars['String']['input']>>;
  /** An institution includes its children (SIF includes VERTE). */
  institutions?: InputMaybe<Array<Scalars['String']['input']>>;
  modes?: InputMaybe<Array<Scalars['String']['input']>>;
  outcomes?: InputMaybe<Array<Scalars['String']['input']>>;
  programmes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Planning regions, current municipalities or historic ones (LV-107 or its pre-2021 ATVK code). */
  regions?: InputMaybe<Array<Scalars['String']['input']>>;
  sites?: InputMaybe<Array<Scalars['String']['input']>>;
  stages?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A parent group includes its children. */
  targetGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Last day of the period, inclusive. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

export type AggregateInput = {
  boundaries?: InputMaybe<Boundaries>;
  dimensions?: InputMaybe<Array<Dimension>>;
  filter?: InputMaybe<AggregateFilter>;
  /** At most 10,000 (the default). */
  limit?: InputMaybe<Scalars['Int']['input']>;
  measures: Array<Measure>;
  orderBy?: InputMaybe<Array<OrderInput>>;
};

export type AggregateResult = {
  __typename?: 'AggregateResult';
  /** When the newest contributing data was loaded. */
  dataAsOf?: Maybe<Scalars['DateTime']['output']>;
  /** The period the query covered after defaults were applied. */
  from: Scalars['Date']['output'];
  rows: Array<AggregateRow>;
  /** Published figures this query reproduces. */
  sources: Array<PublishedFigure>;
  suppressedCells: Scalars['Int']['output'];
  /** True when any demo (synthetic) data contributed. */
  synthetic: Scalars['Boolean']['output'];
  to: Scalars['Date']['output'];
  /** Computed over the whole filter, not summed from rows (distinct counts do not add up). */
  totals: Array<MeasureValue>;
  /** True when there were more rows than the limit. */
  truncated: Scalars['Boolean']['output'];
};

export type AggregateRow = {
  __typename?: 'AggregateRow';
  dimensions: Array<DimensionValue>;
  measures: Array<MeasureValue>;
};

export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** login, login_failed, import_accepted, import_rejected, import_duplicate, import_rolled_back, kpi_target_set, user_added, … */
  action: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  /** JSON with what changed. */
  details?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  ip?: Maybe<Scalars['String']['output']>;
  requestId?: Maybe<Scalars['String']['output']>;
  username?: Maybe<Scalars['String']['output']>;
};

export type AuditPage = {
  __typename?: 'AuditPage';
  entries: Array<AuditEntry>;
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor?: Maybe<Scalars['ID']['output']>;
};

/** How data recorded under a municipality code that a reform abolished is grouped. */
export type Boundaries =
  /** Grouped under the code the data was recorded with. */
  | 'AS_RECORDED'
  /** Historic codes roll up to the municipality valid today (LV-107 → 0031000). */
  | 'CURRENT';

/** A batch of loaded data: the demo data or one imported file. */
export type Dataset = {
  __typename?: 'Dataset';
  description: Scalars['String']['output'];
  fact?: Maybe<Scalars['String']['output']>;
  fileHash?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  loadedAt: Scalars['DateTime']['output'];
  /** The account that loaded it; null for anonymous viewers. */
  loadedBy?: Maybe<Scalars['String']['output']>;
  rowCount: Scalars['Int']['output'];
  sourceFile?: Maybe<Scalars['String']['output']>;
  synthetic: Scalars['Boolean']['output'];
};

export type Dimension =
  | 'AGE_BAND'
  | 'CONSULTATION_FORMAT'
  | 'CONSULTATION_MODE'
  | 'CONSULTATION_STAGE'
  | 'DATASET'
  | 'GENDER'
  | 'INSTITUTION'
  | 'MONTH'
  | 'MUNICIPALITY'
  | 'OUTCOME'
  | 'PLANNING_REGION'
  | 'PROGRAMME'
  | 'QUARTER'
  | 'SITE'
  | 'TARGET_GROUP'
  | 'YEAR';

export type DimensionValue = {
  __typename?: 'DimensionValue';
  code: Scalars['String']['output'];
  dimension: Dimension;
  label: Scalars['String']['output'];
};

export type Institution = {
  __typename?: 'Institution';
  children: Array<Institution>;
  code: Scalars['ID']['output'];
  kind: InstitutionKind;
  name: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
  parent?: Maybe<Institution>;
  region?: Maybe<Region>;
  validFrom?: Maybe<Scalars['Date']['output']>;
  validTo?: Maybe<Scalars['Date']['output']>;
};


export type InstitutionNameArgs = {
  lang?: InputMaybe<Lang>;
};

export type InstitutionKind =
  | 'AGENCY'
  | 'FUND'
  | 'NGO'
  | 'PRISON';

export type Kpi = {
  __typename?: 'Kpi';
  actual?: Maybe<Scalars['Float']['output']>;
  id: Scalars['ID']['output'];
  measure: Measure;
  periodFrom: Scalars['Date']['output'];
  periodTo: Scalars['Date']['output'];
  programme: Programme;
  /** actual / target */
  progress?: Maybe<Scalars['Float']['output']>;
  region?: Maybe<Region>;
  setAt: Scalars['DateTime']['output'];
  synthetic: Scalars['Boolean']['output'];
  /** The target as it stood at asOf (default now). */
  target: Scalars['Float']['output'];
};

export type KpiTargetInput = {
  measure: Measure;
  note?: InputMaybe<Scalars['String']['input']>;
  periodFrom: Scalars['Date']['input'];
  periodTo: Scalars['Date']['input'];
  programme: Scalars['ID']['input'];
  /** A municipality; none for the whole country. */
  region?: InputMaybe<Scalars['String']['input']>;
  target: Scalars['Float']['input'];
};

/** Language of labels and names. */
export type Lang =
  | 'EN'
  | 'LV';

export type Measure =
  /** Consultation events. */
  | 'CONSULTATIONS'
  /** Distinct sites (prisons) with at least one consultation. */
  | 'CONSULTATION_SITES'
  /** Distinct persons consulted. */
  | 'CONSULTED_PERSONS'
  /** Episodes that started in the cell's period. */
  | 'NEW_PARTICIPANTS'
  /** Distinct persons with an episode active in the cell's period. */
  | 'PARTICIPANTS'
  /** Distinct persons with an EMPLOYMENT or EDUCATION outcome dated in the cell's period. */
  | 'REINTEGRATED'
  /** REINTEGRATED / PARTICIPANTS, a fraction. */
  | 'REINTEGRATION_RATE';

export type MeasureValue = {
  __typename?: 'MeasureValue';
  measure: Measure;
  suppressed: Scalars['Boolean']['output'];
  /** Null when suppressed. */
  value?: Maybe<Scalars['Float']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Starts a session (an HttpOnly cookie). Wrong username and wrong password get the same error. */
  login: User;
  logout: Scalars['Boolean']['output'];
  /** Admins, or the manager who imported it: removes an imported batch and restores the rows it replaced. */
  rollbackImport: Scalars['Boolean']['output'];
  /** Officials and admins: sets a KPI target; the previous value stays in the history. */
  setKpiTarget: Kpi;
};


export type MutationLoginArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationRollbackImportArgs = {
  dataset: Scalars['ID']['input'];
};


export type MutationSetKpiTargetArgs = {
  input: KpiTargetInput;
};

/** Sort by one measure or one dimension's code. */
export type OrderInput = {
  dimension?: InputMaybe<Dimension>;
  direction?: InputMaybe<SortDirection>;
  measure?: InputMaybe<Measure>;
};

export type Programme = {
  __typename?: 'Programme';
  code: Scalars['ID']['output'];
  endDate?: Maybe<Scalars['Date']['output']>;
  esfShare?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
  operator: Institution;
  projectNo?: Maybe<Scalars['String']['output']>;
  specificObjective?: Maybe<Scalars['String']['output']>;
  startDate?: Maybe<Scalars['Date']['output']>;
  stateShare?: Maybe<Scalars['Float']['output']>;
  /** True for programmes invented for the demo or benchmark data. */
  synthetic: Scalars['Boolean']['output'];
};


export type ProgrammeNameArgs = {
  lang?: InputMaybe<Lang>;
};

/** A figure published in a source article, reconciled against the data. */
export type PublishedFigure = {
  __typename?: 'PublishedFigure';
  /** e.g. consultation_stage=PRE_VOCATIONAL */
  breakdown?: Maybe<Scalars['String']['output']>;
  computedValue?: Maybe<Scalars['Float']['output']>;
  id: Scalars['ID']['output'];
  institution?: Maybe<Institution>;
  /** How a vague statement in the source was read, when it was. */
  interpretation?: Maybe<Scalars['String']['output']>;
  matches: Scalars['Boolean']['output'];
  measure: Measure;
  periodFrom: Scalars['Date']['output'];
  periodTo: Scalars['Date']['output'];
  programme: Programme;
  qualifier: Qualifier;
  /** The aggregate query that reproduces this figure, as JSON of an AggregateInput. */
  query: Scalars['String']['output'];
  /** The exact quote, in Latvian. */
  quote: Scalars['String']['output'];
  region?: Maybe<Region>;
  /** File name of the source article (in the Sources page). */
  source: Scalars['String']['output'];
  /** True when demo (synthetic) data produced the computed value. */
  synthetic: Scalars['Boolean']['output'];
  value: Scalars['Float']['output'];
};

export type Qualifier =
  | 'AT_MOST'
  | 'EXACT'
  | 'MORE_THAN';

export type Query = {
  __typename?: 'Query';
  aggregate: AggregateResult;
  /** Admins only: newest first. */
  auditLog: AuditPage;
  datasets: Array<Dataset>;
  /** Liveness of the API itself; the same as GET /healthz. */
  health: Scalars['String']['output'];
  institutions: Array<Institution>;
  kpis: Array<Kpi>;
  /** The signed-in user, or null. */
  me?: Maybe<User>;
  programmes: Array<Programme>;
  publishedFigures: Array<PublishedFigure>;
  /** Municipalities (valid on validOn, default today; all of them with includeHistoric) or planning regions. */
  regions: Array<Region>;
  targetGroups: Array<TargetGroup>;
  /** Admins only. */
  users: Array<User>;
};


export type QueryAggregateArgs = {
  lang?: InputMaybe<Lang>;
  query: AggregateInput;
};


export type QueryAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryInstitutionsArgs = {
  kind?: InputMaybe<InstitutionKind>;
};


export type QueryKpisArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  programme?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRegionsArgs = {
  includeHistoric?: InputMaybe<Scalars['Boolean']['input']>;
  level?: InputMaybe<RegionLevel>;
  search?: InputMaybe<Scalars['String']['input']>;
  validOn?: InputMaybe<Scalars['Date']['input']>;
};

/** A municipality (current or historic) or a planning region. */
export type Region = {
  __typename?: 'Region';
  /** The pre-2021 ATVK code of a historic municipality (its code is the ISO 3166-2 code, e.g. LV-107). */
  altCode?: Maybe<Scalars['String']['output']>;
  code: Scalars['ID']['output'];
  /** state_city, novads, republic_city or planning_region. */
  kind: Scalars['String']['output'];
  lat?: Maybe<Scalars['Float']['output']>;
  level: RegionLevel;
  lon?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
  planningRegion?: Maybe<Region>;
  /** The municipality valid today that this one's data rolls up to. */
  rollup?: Maybe<Region>;
  /** The municipality that took this one over at a reform. */
  successor?: Maybe<Region>;
  validFrom?: Maybe<Scalars['Date']['output']>;
  validTo?: Maybe<Scalars['Date']['output']>;
};


/** A municipality (current or historic) or a planning region. */
export type RegionNameArgs = {
  lang?: InputMaybe<Lang>;
};

export type RegionLevel =
  | 'MUNICIPALITY'
  | 'PLANNING_REGION';

export type Role =
  | 'ADMIN'
  | 'MANAGER'
  | 'OFFICIAL'
  | 'PUBLIC';

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type TargetGroup = {
  __typename?: 'TargetGroup';
  children: Array<TargetGroup>;
  code: Scalars['ID']['output'];
  esfIndicator?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
  parent?: Maybe<TargetGroup>;
};


export type TargetGroupNameArgs = {
  lang?: InputMaybe<Lang>;
};

export type User = {
  __typename?: 'User';
  disabled: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** For managers: the institutions whose data they load and see exactly (children and sites included). */
  institutions: Array<Institution>;
  role: Role;
  username: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AggregateFilter: AggregateFilter;
  AggregateInput: AggregateInput;
  AggregateResult: ResolverTypeWrapper<Omit<AggregateResult, 'sources'> & { sources: Array<ResolversTypes['PublishedFigure']> }>;
  AggregateRow: ResolverTypeWrapper<AggregateRow>;
  AuditEntry: ResolverTypeWrapper<AuditEntry>;
  AuditPage: ResolverTypeWrapper<AuditPage>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Boundaries: Boundaries;
  Dataset: ResolverTypeWrapper<Dataset>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Dimension: Dimension;
  DimensionValue: ResolverTypeWrapper<DimensionValue>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Institution: ResolverTypeWrapper<InstitutionModel>;
  InstitutionKind: InstitutionKind;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Kpi: ResolverTypeWrapper<KpiModel>;
  KpiTargetInput: KpiTargetInput;
  Lang: Lang;
  Measure: Measure;
  MeasureValue: ResolverTypeWrapper<MeasureValue>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OrderInput: OrderInput;
  Programme: ResolverTypeWrapper<ProgrammeModel>;
  PublishedFigure: ResolverTypeWrapper<PublishedFigureModel>;
  Qualifier: Qualifier;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: ResolverTypeWrapper<RegionModel>;
  RegionLevel: RegionLevel;
  Role: Role;
  SortDirection: SortDirection;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TargetGroup: ResolverTypeWrapper<TargetGroupModel>;
  User: ResolverTypeWrapper<UserRecord>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AggregateFilter: AggregateFilter;
  AggregateInput: AggregateInput;
  AggregateResult: Omit<AggregateResult, 'sources'> & { sources: Array<ResolversParentTypes['PublishedFigure']> };
  AggregateRow: AggregateRow;
  AuditEntry: AuditEntry;
  AuditPage: AuditPage;
  Boolean: Scalars['Boolean']['output'];
  Dataset: Dataset;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DimensionValue: DimensionValue;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Institution: InstitutionModel;
  Int: Scalars['Int']['output'];
  Kpi: KpiModel;
  KpiTargetInput: KpiTargetInput;
  MeasureValue: MeasureValue;
  Mutation: Record<PropertyKey, never>;
  OrderInput: OrderInput;
  Programme: ProgrammeModel;
  PublishedFigure: PublishedFigureModel;
  Query: Record<PropertyKey, never>;
  Region: RegionModel;
  String: Scalars['String']['output'];
  TargetGroup: TargetGroupModel;
  User: UserRecord;
};

export type AggregateResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AggregateResult'] = ResolversParentTypes['AggregateResult']> = {
  dataAsOf?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['AggregateRow']>, ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['PublishedFigure']>, ParentType, ContextType>;
  suppressedCells?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  synthetic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  totals?: Resolver<Array<ResolversTypes['MeasureValue']>, ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AggregateRowResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AggregateRow'] = ResolversParentTypes['AggregateRow']> = {
  dimensions?: Resolver<Array<ResolversTypes['DimensionValue']>, ParentType, ContextType>;
  measures?: Resolver<Array<ResolversTypes['MeasureValue']>, ParentType, ContextType>;
};

export type AuditEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  username?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditPageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuditPage'] = ResolversParentTypes['AuditPage']> = {
  entries?: Resolver<Array<ResolversTypes['AuditEntry']>, ParentType, ContextType>;
  nextCursor?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type DatasetResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fact?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fileHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  loadedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  loadedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sourceFile?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  synthetic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DimensionValueResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DimensionValue'] = ResolversParentTypes['DimensionValue']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dimension?: Resolver<ResolversTypes['Dimension'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type InstitutionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Institution'] = ResolversParentTypes['Institution']> = {
  children?: Resolver<Array<ResolversTypes['Institution']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['InstitutionKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<InstitutionNameArgs, 'lang'>>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Institution']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type KpiResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Kpi'] = ResolversParentTypes['Kpi']> = {
  actual?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  measure?: Resolver<ResolversTypes['Measure'], ParentType, ContextType>;
  periodFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  periodTo?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  programme?: Resolver<ResolversTypes['Programme'], ParentType, ContextType>;
  progress?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  setAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  synthetic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MeasureValueResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MeasureValue'] = ResolversParentTypes['MeasureValue']> = {
  measure?: Resolver<ResolversTypes['Measure'], ParentType, ContextType>;
  suppressed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  login?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'password' | 'username'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rollbackImport?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRollbackImportArgs, 'dataset'>>;
  setKpiTarget?: Resolver<ResolversTypes['Kpi'], ParentType, ContextType, RequireFields<MutationSetKpiTargetArgs, 'input'>>;
};

export type ProgrammeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Programme'] = ResolversParentTypes['Programme']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  endDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  esfShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<ProgrammeNameArgs, 'lang'>>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  operator?: Resolver<ResolversTypes['Institution'], ParentType, ContextType>;
  projectNo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  specificObjective?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  stateShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  synthetic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PublishedFigureResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PublishedFigure'] = ResolversParentTypes['PublishedFigure']> = {
  breakdown?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  computedValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  institution?: Resolver<Maybe<ResolversTypes['Institution']>, ParentType, ContextType>;
  interpretation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  matches?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  measure?: Resolver<ResolversTypes['Measure'], ParentType, ContextType>;
  periodFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  periodTo?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  programme?: Resolver<ResolversTypes['Programme'], ParentType, ContextType>;
  qualifier?: Resolver<ResolversTypes['Qualifier'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quote?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  synthetic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  aggregate?: Resolver<ResolversTypes['AggregateResult'], ParentType, ContextType, RequireFields<QueryAggregateArgs, 'lang' | 'query'>>;
  auditLog?: Resolver<ResolversTypes['AuditPage'], ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
  datasets?: Resolver<Array<ResolversTypes['Dataset']>, ParentType, ContextType>;
  health?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  institutions?: Resolver<Array<ResolversTypes['Institution']>, ParentType, ContextType, Partial<QueryInstitutionsArgs>>;
  kpis?: Resolver<Array<ResolversTypes['Kpi']>, ParentType, ContextType, Partial<QueryKpisArgs>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  programmes?: Resolver<Array<ResolversTypes['Programme']>, ParentType, ContextType>;
  publishedFigures?: Resolver<Array<ResolversTypes['PublishedFigure']>, ParentType, ContextType>;
  regions?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType, RequireFields<QueryRegionsArgs, 'includeHistoric'>>;
  targetGroups?: Resolver<Array<ResolversTypes['TargetGroup']>, ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
};

export type RegionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region']> = {
  altCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lat?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  level?: Resolver<ResolversTypes['RegionLevel'], ParentType, ContextType>;
  lon?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<RegionNameArgs, 'lang'>>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  planningRegion?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  rollup?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  successor?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type TargetGroupResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TargetGroup'] = ResolversParentTypes['TargetGroup']> = {
  children?: Resolver<Array<ResolversTypes['TargetGroup']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  esfIndicator?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<TargetGroupNameArgs, 'lang'>>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['TargetGroup']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  disabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  institutions?: Resolver<Array<ResolversTypes['Institution']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  AggregateResult?: AggregateResultResolvers<ContextType>;
  AggregateRow?: AggregateRowResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditPage?: AuditPageResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DimensionValue?: DimensionValueResolvers<ContextType>;
  Institution?: InstitutionResolvers<ContextType>;
  Kpi?: KpiResolvers<ContextType>;
  MeasureValue?: MeasureValueResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Programme?: ProgrammeResolvers<ContextType>;
  PublishedFigure?: PublishedFigureResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  TargetGroup?: TargetGroupResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

