import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

/**
 * A unit picked by name or code (searched over the whole tree by the API), not typed as a raw code:
 * each choice names its parent, so two communes of the same name in different districts differ.
 */
export function UnitSearchSelect({ value, onChange, id }: { value?: string; onChange?: (code: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  // Asks once typing pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setTerm(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({ queryKey: ['unit-search', term], queryFn: () => api.searchUnits(term), enabled: term.length >= 2, staleTime: 60_000 });
  const options = (found.data ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})${u.parentName ? ` — ${u.parentName}` : ''}` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      filterOption={false}
      value={value || undefined}
      onSearch={setTyped}
      onChange={(v: string | undefined) => onChange?.(v ?? '')}
      options={options}
      loading={found.isFetching}
      notFoundContent={term.length < 2 ? t('admin.users.unitSearching') : undefined}
      placeholder={t('admin.users.unitSearching')}
      data-testid="unit-search"
    />
  );
}
