import { graphql } from '../gql';

/*
 * The documents the app sends, in one place so codegen sees them all and each page imports the one it
 * needs. Every chart goes through AggregateDocument; the others are look-ups of reference data.
 */

export const AggregateDocument = graphql(`
  query Aggregate($query: AggregateInput!, $lang: Lang) {
    aggregate(query: $query, lang: $lang) {
      rows {
        dimensions {
          dimension
          code
          label
        }
        measures {
          measure
          value
          suppressed
        }
      }
      totals {
        measure
        value
        suppressed
      }
      suppressedCells
      truncated
      synthetic
      dataAsOf
      from
      to
      sources {
        id
      }
    }
  }
`);

export const FilterOptionsDocument = graphql(`
  query FilterOptions($lang: Lang) {
    programmes {
      code
      name(lang: $lang)
      synthetic
    }
    municipalities: regions(level: MUNICIPALITY) {
      code
      name(lang: $lang)
    }
    planningRegions: regions(level: PLANNING_REGION) {
      code
      name(lang: $lang)
    }
    institutions {
      code
      name(lang: $lang)
      kind
      parent {
        code
      }
    }
    targetGroups {
      code
      name(lang: $lang)
      parent {
        code
      }
    }
  }
`);

export const RegionPointsDocument = graphql(`
  query RegionPoints($lang: Lang) {
    regions(level: MUNICIPALITY) {
      code
      name(lang: $lang)
      lat
      lon
      planningRegion {
        code
      }
    }
  }
`);

export const ProgrammesDocument = graphql(`
  query Programmes($lang: Lang) {
    programmes {
      code
      name(lang: $lang)
      projectNo
      operator {
        code
        name(lang: $lang)
      }
      specificObjective
      startDate
      endDate
      esfShare
      stateShare
      synthetic
      note
    }
  }
`);

export const PublishedFiguresDocument = graphql(`
  query PublishedFigures($lang: Lang) {
    publishedFigures {
      id
      programme {
        code
        name(lang: $lang)
      }
      institution {
        code
        name(lang: $lang)
      }
      region {
        code
        name(lang: $lang)
      }
      periodFrom
      periodTo
      measure
      breakdown
      value
      qualifier
      source
      quote
      interpretation
      computedValue
      matches
      query
    }
  }
`);

export const KpisDocument = graphql(`
  query Kpis($lang: Lang) {
    kpis {
      ...KpiTarget
    }
  }
`);

export const ReferenceNotesDocument = graphql(`
  query ReferenceNotes($lang: Lang) {
    programmes {
      code
      name(lang: $lang)
      note
    }
    institutions {
      code
      name(lang: $lang)
      note
    }
    regions(level: MUNICIPALITY) {
      code
      name(lang: $lang)
      note
    }
    targetGroups {
      code
      name(lang: $lang)
      note
    }
  }
`);

/* Accounts: who is signed in, signing in and out. Institutions carry both names, so a language switch needs no new request. */

export const MeDocument = graphql(`
  query Me {
    me {
      ...SignedInUser
    }
  }

  fragment SignedInUser on User {
    id
    username
    role
    institutions {
      code
      nameEn: name(lang: EN)
      nameLv: name(lang: LV)
    }
  }
`);

export const LoginDocument = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      ...SignedInUser
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

/* Import: the datasets loaded so far, and rolling an import back. */

export const DatasetsDocument = graphql(`
  query Datasets {
    datasets {
      id
      kind
      synthetic
      fact
      description
      sourceFile
      fileHash
      rowCount
      loadedAt
      loadedBy
    }
  }
`);

export const RollbackImportDocument = graphql(`
  mutation RollbackImport($dataset: ID!) {
    rollbackImport(dataset: $dataset)
  }
`);

/* Targets: as they stand at a moment (now by default), and setting one. */

export const KpiTargetsDocument = graphql(`
  query KpiTargets($lang: Lang, $asOf: DateTime) {
    kpis(asOf: $asOf) {
      ...KpiTarget
    }
  }

  fragment KpiTarget on Kpi {
    id
    programme {
      code
      name(lang: $lang)
    }
    measure
    periodFrom
    periodTo
    region {
      code
      name(lang: $lang)
    }
    target
    actual
    progress
    synthetic
    setAt
  }
`);

export const SetKpiTargetDocument = graphql(`
  mutation SetKpiTarget($input: KpiTargetInput!, $lang: Lang) {
    setKpiTarget(input: $input) {
      ...KpiTarget
    }
  }
`);

/* Audit log (admins): newest first, a page at a time. */

export const AuditLogDocument = graphql(`
  query AuditLog($first: Int, $after: ID, $action: String) {
    auditLog(first: $first, after: $after, action: $action) {
      entries {
        id
        at
        action
        username
        ip
        requestId
        details
      }
      nextCursor
    }
  }
`);
