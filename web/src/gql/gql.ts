/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Aggregate($query: AggregateInput!, $lang: Lang) {\n    aggregate(query: $query, lang: $lang) {\n      rows {\n        dimensions {\n          dimension\n          code\n          label\n        }\n        measures {\n          measure\n          value\n          suppressed\n        }\n      }\n      totals {\n        measure\n        value\n        suppressed\n      }\n      suppressedCells\n      truncated\n      synthetic\n      dataAsOf\n      from\n      to\n      sources {\n        id\n      }\n    }\n  }\n": typeof types.AggregateDocument,
    "\n  query FilterOptions($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      synthetic\n    }\n    municipalities: regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n    }\n    planningRegions: regions(level: PLANNING_REGION) {\n      code\n      name(lang: $lang)\n    }\n    institutions {\n      code\n      name(lang: $lang)\n      kind\n      parent {\n        code\n      }\n    }\n    targetGroups {\n      code\n      name(lang: $lang)\n      parent {\n        code\n      }\n    }\n  }\n": typeof types.FilterOptionsDocument,
    "\n  query RegionPoints($lang: Lang) {\n    regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n      lat\n      lon\n      planningRegion {\n        code\n      }\n    }\n  }\n": typeof types.RegionPointsDocument,
    "\n  query Programmes($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      projectNo\n      operator {\n        code\n        name(lang: $lang)\n      }\n      specificObjective\n      startDate\n      endDate\n      esfShare\n      stateShare\n      synthetic\n      note\n    }\n  }\n": typeof types.ProgrammesDocument,
    "\n  query PublishedFigures($lang: Lang) {\n    publishedFigures {\n      id\n      programme {\n        code\n        name(lang: $lang)\n      }\n      institution {\n        code\n        name(lang: $lang)\n      }\n      region {\n        code\n        name(lang: $lang)\n      }\n      periodFrom\n      periodTo\n      measure\n      breakdown\n      value\n      qualifier\n      source\n      quote\n      interpretation\n      computedValue\n      matches\n      query\n    }\n  }\n": typeof types.PublishedFiguresDocument,
    "\n  query Kpis($lang: Lang) {\n    kpis {\n      ...KpiTarget\n    }\n  }\n": typeof types.KpisDocument,
    "\n  query ReferenceNotes($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      note\n    }\n    institutions {\n      code\n      name(lang: $lang)\n      note\n    }\n    regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n      note\n    }\n    targetGroups {\n      code\n      name(lang: $lang)\n      note\n    }\n  }\n": typeof types.ReferenceNotesDocument,
    "\n  query Me {\n    me {\n      ...SignedInUser\n    }\n  }\n\n  fragment SignedInUser on User {\n    id\n    username\n    role\n    institutions {\n      code\n      nameEn: name(lang: EN)\n      nameLv: name(lang: LV)\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...SignedInUser\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Datasets {\n    datasets {\n      id\n      kind\n      synthetic\n      fact\n      description\n      sourceFile\n      fileHash\n      rowCount\n      loadedAt\n      loadedBy\n    }\n  }\n": typeof types.DatasetsDocument,
    "\n  mutation RollbackImport($dataset: ID!) {\n    rollbackImport(dataset: $dataset)\n  }\n": typeof types.RollbackImportDocument,
    "\n  query KpiTargets($lang: Lang, $asOf: DateTime) {\n    kpis(asOf: $asOf) {\n      ...KpiTarget\n    }\n  }\n\n  fragment KpiTarget on Kpi {\n    id\n    programme {\n      code\n      name(lang: $lang)\n    }\n    measure\n    periodFrom\n    periodTo\n    region {\n      code\n      name(lang: $lang)\n    }\n    target\n    actual\n    progress\n    synthetic\n    setAt\n  }\n": typeof types.KpiTargetsDocument,
    "\n  mutation SetKpiTarget($input: KpiTargetInput!, $lang: Lang) {\n    setKpiTarget(input: $input) {\n      ...KpiTarget\n    }\n  }\n": typeof types.SetKpiTargetDocument,
    "\n  query AuditLog($first: Int, $after: ID, $action: String) {\n    auditLog(first: $first, after: $after, action: $action) {\n      entries {\n        id\n        at\n        action\n        username\n        ip\n        requestId\n        details\n      }\n      nextCursor\n    }\n  }\n": typeof types.AuditLogDocument,
};
const documents: Documents = {
    "\n  query Aggregate($query: AggregateInput!, $lang: Lang) {\n    aggregate(query: $query, lang: $lang) {\n      rows {\n        dimensions {\n          dimension\n          code\n          label\n        }\n        measures {\n          measure\n          value\n          suppressed\n        }\n      }\n      totals {\n        measure\n        value\n        suppressed\n      }\n      suppressedCells\n      truncated\n      synthetic\n      dataAsOf\n      from\n      to\n      sources {\n        id\n      }\n    }\n  }\n": types.AggregateDocument,
    "\n  query FilterOptions($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      synthetic\n    }\n    municipalities: regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n    }\n    planningRegions: regions(level: PLANNING_REGION) {\n      code\n      name(lang: $lang)\n    }\n    institutions {\n      code\n      name(lang: $lang)\n      kind\n      parent {\n        code\n      }\n    }\n    targetGroups {\n      code\n      name(lang: $lang)\n      parent {\n        code\n      }\n    }\n  }\n": types.FilterOptionsDocument,
    "\n  query RegionPoints($lang: Lang) {\n    regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n      lat\n      lon\n      planningRegion {\n        code\n      }\n    }\n  }\n": types.RegionPointsDocument,
    "\n  query Programmes($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      projectNo\n      operator {\n        code\n        name(lang: $lang)\n      }\n      specificObjective\n      startDate\n      endDate\n      esfShare\n      stateShare\n      synthetic\n      note\n    }\n  }\n": types.ProgrammesDocument,
    "\n  query PublishedFigures($lang: Lang) {\n    publishedFigures {\n      id\n      programme {\n        code\n        name(lang: $lang)\n      }\n      institution {\n        code\n        name(lang: $lang)\n      }\n      region {\n        code\n        name(lang: $lang)\n      }\n      periodFrom\n      periodTo\n      measure\n      breakdown\n      value\n      qualifier\n      source\n      quote\n      interpretation\n      computedValue\n      matches\n      query\n    }\n  }\n": types.PublishedFiguresDocument,
    "\n  query Kpis($lang: Lang) {\n    kpis {\n      ...KpiTarget\n    }\n  }\n": types.KpisDocument,
    "\n  query ReferenceNotes($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      note\n    }\n    institutions {\n      code\n      name(lang: $lang)\n      note\n    }\n    regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n      note\n    }\n    targetGroups {\n      code\n      name(lang: $lang)\n      note\n    }\n  }\n": types.ReferenceNotesDocument,
    "\n  query Me {\n    me {\n      ...SignedInUser\n    }\n  }\n\n  fragment SignedInUser on User {\n    id\n    username\n    role\n    institutions {\n      code\n      nameEn: name(lang: EN)\n      nameLv: name(lang: LV)\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...SignedInUser\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Datasets {\n    datasets {\n      id\n      kind\n      synthetic\n      fact\n      description\n      sourceFile\n      fileHash\n      rowCount\n      loadedAt\n      loadedBy\n    }\n  }\n": types.DatasetsDocument,
    "\n  mutation RollbackImport($dataset: ID!) {\n    rollbackImport(dataset: $dataset)\n  }\n": types.RollbackImportDocument,
    "\n  query KpiTargets($lang: Lang, $asOf: DateTime) {\n    kpis(asOf: $asOf) {\n      ...KpiTarget\n    }\n  }\n\n  fragment KpiTarget on Kpi {\n    id\n    programme {\n      code\n      name(lang: $lang)\n    }\n    measure\n    periodFrom\n    periodTo\n    region {\n      code\n      name(lang: $lang)\n    }\n    target\n    actual\n    progress\n    synthetic\n    setAt\n  }\n": types.KpiTargetsDocument,
    "\n  mutation SetKpiTarget($input: KpiTargetInput!, $lang: Lang) {\n    setKpiTarget(input: $input) {\n      ...KpiTarget\n    }\n  }\n": types.SetKpiTargetDocument,
    "\n  query AuditLog($first: Int, $after: ID, $action: String) {\n    auditLog(first: $first, after: $after, action: $action) {\n      entries {\n        id\n        at\n        action\n        username\n        ip\n        requestId\n        details\n      }\n      nextCursor\n    }\n  }\n": types.AuditLogDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Aggregate($query: AggregateInput!, $lang: Lang) {\n    aggregate(query: $query, lang: $lang) {\n      rows {\n        dimensions {\n          dimension\n          code\n          label\n        }\n        measures {\n          measure\n          value\n          suppressed\n        }\n      }\n      totals {\n        measure\n        value\n        suppressed\n      }\n      suppressedCells\n      truncated\n      synthetic\n      dataAsOf\n      from\n      to\n      sources {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query Aggregate($query: AggregateInput!, $lang: Lang) {\n    aggregate(query: $query, lang: $lang) {\n      rows {\n        dimensions {\n          dimension\n          code\n          label\n        }\n        measures {\n          measure\n          value\n          suppressed\n        }\n      }\n      totals {\n        measure\n        value\n        suppressed\n      }\n      suppressedCells\n      truncated\n      synthetic\n      dataAsOf\n      from\n      to\n      sources {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterOptions($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      synthetic\n    }\n    municipalities: regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n    }\n    planningRegions: regions(level: PLANNING_REGION) {\n      code\n      name(lang: $lang)\n    }\n    institutions {\n      code\n      name(lang: $lang)\n      kind\n      parent {\n        code\n      }\n    }\n    targetGroups {\n      code\n      name(lang: $lang)\n      parent {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  query FilterOptions($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      synthetic\n    }\n    municipalities: regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n    }\n    planningRegions: regions(level: PLANNING_REGION) {\n      code\n      name(lang: $lang)\n    }\n    institutions {\n      code\n      name(lang: $lang)\n      kind\n      parent {\n        code\n      }\n    }\n    targetGroups {\n      code\n      name(lang: $lang)\n      parent {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionPoints($lang: Lang) {\n    regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n      lat\n      lon\n      planningRegion {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  query RegionPoints($lang: Lang) {\n    regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n      lat\n      lon\n      planningRegion {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Programmes($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      projectNo\n      operator {\n        code\n        name(lang: $lang)\n      }\n      specificObjective\n      startDate\n      endDate\n      esfShare\n      stateShare\n      synthetic\n      note\n    }\n  }\n"): (typeof documents)["\n  query Programmes($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      projectNo\n      operator {\n        code\n        name(lang: $lang)\n      }\n      specificObjective\n      startDate\n      endDate\n      esfShare\n      stateShare\n      synthetic\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishedFigures($lang: Lang) {\n    publishedFigures {\n      id\n      programme {\n        code\n        name(lang: $lang)\n      }\n      institution {\n        code\n        name(lang: $lang)\n      }\n      region {\n        code\n        name(lang: $lang)\n      }\n      periodFrom\n      periodTo\n      measure\n      breakdown\n      value\n      qualifier\n      source\n      quote\n      interpretation\n      computedValue\n      matches\n      query\n    }\n  }\n"): (typeof documents)["\n  query PublishedFigures($lang: Lang) {\n    publishedFigures {\n      id\n      programme {\n        code\n        name(lang: $lang)\n      }\n      institution {\n        code\n        name(lang: $lang)\n      }\n      region {\n        code\n        name(lang: $lang)\n      }\n      periodFrom\n      periodTo\n      measure\n      breakdown\n      value\n      qualifier\n      source\n      quote\n      interpretation\n      computedValue\n      matches\n      query\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Kpis($lang: Lang) {\n    kpis {\n      ...KpiTarget\n    }\n  }\n"): (typeof documents)["\n  query Kpis($lang: Lang) {\n    kpis {\n      ...KpiTarget\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferenceNotes($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      note\n    }\n    institutions {\n      code\n      name(lang: $lang)\n      note\n    }\n    regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n      note\n    }\n    targetGroups {\n      code\n      name(lang: $lang)\n      note\n    }\n  }\n"): (typeof documents)["\n  query ReferenceNotes($lang: Lang) {\n    programmes {\n      code\n      name(lang: $lang)\n      note\n    }\n    institutions {\n      code\n      name(lang: $lang)\n      note\n    }\n    regions(level: MUNICIPALITY) {\n      code\n      name(lang: $lang)\n      note\n    }\n    targetGroups {\n      code\n      name(lang: $lang)\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...SignedInUser\n    }\n  }\n\n  fragment SignedInUser on User {\n    id\n    username\n    role\n    institutions {\n      code\n      nameEn: name(lang: EN)\n      nameLv: name(lang: LV)\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...SignedInUser\n    }\n  }\n\n  fragment SignedInUser on User {\n    id\n    username\n    role\n    institutions {\n      code\n      nameEn: name(lang: EN)\n      nameLv: name(lang: LV)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...SignedInUser\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...SignedInUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Datasets {\n    datasets {\n      id\n      kind\n      synthetic\n      fact\n      description\n      sourceFile\n      fileHash\n      rowCount\n      loadedAt\n      loadedBy\n    }\n  }\n"): (typeof documents)["\n  query Datasets {\n    datasets {\n      id\n      kind\n      synthetic\n      fact\n      description\n      sourceFile\n      fileHash\n      rowCount\n      loadedAt\n      loadedBy\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollbackImport($dataset: ID!) {\n    rollbackImport(dataset: $dataset)\n  }\n"): (typeof documents)["\n  mutation RollbackImport($dataset: ID!) {\n    rollbackImport(dataset: $dataset)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KpiTargets($lang: Lang, $asOf: DateTime) {\n    kpis(asOf: $asOf) {\n      ...KpiTarget\n    }\n  }\n\n  fragment KpiTarget on Kpi {\n    id\n    programme {\n      code\n      name(lang: $lang)\n    }\n    measure\n    periodFrom\n    periodTo\n    region {\n      code\n      name(lang: $lang)\n    }\n    target\n    actual\n    progress\n    synthetic\n    setAt\n  }\n"): (typeof documents)["\n  query KpiTargets($lang: Lang, $asOf: DateTime) {\n    kpis(asOf: $asOf) {\n      ...KpiTarget\n    }\n  }\n\n  fragment KpiTarget on Kpi {\n    id\n    programme {\n      code\n      name(lang: $lang)\n    }\n    measure\n    periodFrom\n    periodTo\n    region {\n      code\n      name(lang: $lang)\n    }\n    target\n    actual\n    progress\n    synthetic\n    setAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetKpiTarget($input: KpiTargetInput!, $lang: Lang) {\n    setKpiTarget(input: $input) {\n      ...KpiTarget\n    }\n  }\n"): (typeof documents)["\n  mutation SetKpiTarget($input: KpiTargetInput!, $lang: Lang) {\n    setKpiTarget(input: $input) {\n      ...KpiTarget\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int, $after: ID, $action: String) {\n    auditLog(first: $first, after: $after, action: $action) {\n      entries {\n        id\n        at\n        action\n        username\n        ip\n        requestId\n        details\n      }\n      nextCursor\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int, $after: ID, $action: String) {\n    auditLog(first: $first, after: $after, action: $action) {\n      entries {\n        id\n        at\n        action\n        username\n        ip\n        requestId\n        details\n      }\n      nextCursor\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;