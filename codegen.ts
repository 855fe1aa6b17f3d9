import type { CodegenConfig } from '@graphql-codegen/cli';

/*
 * The schema in server/schema/*.graphql is the source of truth. Generated files live in their own
 * folders (server/schema/generated/, web/src/gql/) and are never edited by hand; a test fails when
 * they are stale.
 */
const config: CodegenConfig = {
  schema: 'server/schema/*.graphql',
  documents: ['web/src/**/*.{ts,vue}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'server/schema/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        contextType: '../../context#Context',
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string' },
        mappers: {
          Region: '../../catalog/models#RegionModel',
          Institution: '../../catalog/models#InstitutionModel',
          Programme: '../../catalog/models#ProgrammeModel',
          TargetGroup: '../../catalog/models#TargetGroupModel',
          PublishedFigure: '../../catalog/models#PublishedFigureModel',
          Kpi: '../../catalog/models#KpiModel',
          User: '../../auth/users#UserRecord',
        },
      },
    },
    'web/src/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
