import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { templatesApi } from '../templates-api';

export function useTemplateVersions() {
  return useQuery({ queryKey: queryKeys.templateVersions(), queryFn: templatesApi.list });
}

/** A version's document; published ones never change, drafts may be replaced, so no stale time here. */
export function useTemplateDocument(version: string | null) {
  return useQuery({ queryKey: ['template-document', version ?? ''], queryFn: () => templatesApi.get(version as string), enabled: !!version });
}

export function useTemplateDiff(a: string | null, b: string | null) {
  return useQuery({ queryKey: queryKeys.templateDiff(a ?? '', b ?? ''), queryFn: () => templatesApi.diff(a as string, b as string), enabled: !!a && !!b && a !== b });
}

export function useScoringSchemes() {
  return useQuery({ queryKey: queryKeys.scoringSchemes(), queryFn: templatesApi.schemes });
}

/** Publishing or deleting changes the lists (and a publish what new periods bind). */
export function useInstrumentAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: { kind: 'publish' | 'remove' | 'publishScheme'; version: string }) => {
      if (a.kind === 'publish') await templatesApi.publish(a.version);
      else if (a.kind === 'remove') await templatesApi.remove(a.version);
      else await templatesApi.publishScheme(a.version);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.templateVersions() });
      void qc.invalidateQueries({ queryKey: queryKeys.scoringSchemes() });
      void qc.invalidateQueries({ queryKey: ['template-diff'] });
      void qc.invalidateQueries({ queryKey: ['ranking-preview'] });
    },
  });
}

/** The communes' ranking as stored (scheme '') or computed live with a draft scheme. */
export function useRankingPreview(unitCode: string, period: string | null, scheme: string) {
  return useQuery({
    queryKey: queryKeys.rankingPreview(unitCode, period ?? '', scheme),
    queryFn: () => templatesApi.ranking(unitCode, period as string, scheme || undefined),
    enabled: !!unitCode && !!period,
    placeholderData: keepPreviousData,
  });
}
