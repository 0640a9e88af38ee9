import { memo, useMemo, type ReactNode } from 'react';
import { Badge, Collapse } from 'antd';
import { PlainInput } from '../plain-input';
import { Hint } from '../hint';
import { Typography } from '../plain-typography';
import { CommentOutlined } from '@ant-design/icons';
import type { Finding, IndicatorNode, Template } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { ValueInput } from './value-input';

export interface IndicatorTreeProps {
  template: Template;
  nodes: IndicatorNode[];
  raw: Record<string, string>;
  notes: Record<string, string>;
  findingsByCode: Map<string, Finding[]>;
  /** Reviewer comments per indicator code. */
  comments?: Record<string, string[]>;
  readOnly?: boolean;
  /** Extra content under a row's title (e.g. the change since the last submission). */
  extra?: (code: string) => ReactNode;
  /** A read-only column before the value (a district's form: the consolidation of its children). */
  aside?: { title: ReactNode; render: (node: IndicatorNode) => ReactNode };
  /** The read-only "Kỳ trước" column (the previous year's approved value), just before the value. */
  previous?: { title: ReactNode; render: (node: IndicatorNode) => ReactNode };
  openGroups: string[];
  onOpenGroupsChange: (keys: string[]) => void;
  onValueChange?: (code: string, raw: string) => void;
  onNoteChange?: (code: string, note: string) => void;
}

function worst(findings: Finding[] | undefined): 'error' | 'warning' | undefined {
  if (!findings?.length) return undefined;
  return findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
}

interface RowProps {
  node: IndicatorNode;
  hasChildren: boolean;
  raw: string | undefined;
  note: string | undefined;
  findings: Finding[] | undefined;
  comments: string[] | undefined;
  readOnly: boolean;
  extra: ReactNode;
  aside: ReactNode;
  previous: ReactNode;
  onValueChange?: (code: string, raw: string) => void;
  onNoteChange?: (code: string, note: string) => void;
}

const IndicatorRow = memo(function IndicatorRow({ node, hasChildren, raw, note, findings, comments, readOnly, extra, aside, previous, onValueChange, onNoteChange }: RowProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const sev = worst(findings);
  const isInput = !!node.valueType;
  const unitLabel = node.valueType === 'yesno' || node.valueType === 'choice' ? '' : node.displayUnit ?? node.unit;
  const cls = ['ind-row', !isInput || hasChildren ? 'ind-row--heading' : '', sev ? `ind-row--${sev}` : ''].join(' ');
  return (
    <div className={cls} id={`ind-${node.code}`} data-testid={`row-${node.code}`} style={{ paddingLeft: 8 + Math.max(0, node.depth - 2) * 12 }}>
      <div className="ind-row__code">{node.printedCode && node.printedCode !== node.code ? <Hint text={t('form.printedAs', { code: node.printedCode || '—' })}>{node.code}</Hint> : node.code}</div>
      <div className="ind-row__title">
        <span>{en && node.titleEn ? node.titleEn : node.title}</span>
        {unitLabel && <span className="ind-row__unit"> · {unitLabel}</span>}
        {node.required && isInput && <Typography.Text type="danger"> *</Typography.Text>}
        {findings?.map((f, i) => (
          <div key={`${f.rule}-${i}`} className={`ind-row__findings ind-row__finding--${f.severity}`} data-testid={`finding-${node.code}`}>
            {en ? f.message.en : f.message.vi}
          </div>
        ))}
        {comments?.map((c, i) => (
          <div key={i} className="ind-row__comment" data-testid={`comment-${node.code}`}>
            <CommentOutlined aria-hidden /> {c}
          </div>
        ))}
        {extra}
      </div>
      {aside !== undefined && (
        <div className="ind-row__aside" data-testid={`aside-${node.code}`}>
          {aside}
        </div>
      )}
      {previous !== undefined && (
        <div className="ind-row__previous" data-testid={`previous-${node.code}`} data-label={`${t('form.colPrevious')}:`}>
          {previous}
        </div>
      )}
      <div className="ind-row__value">
        {isInput &&
          (readOnly ? (
            <ReadOnlyValue node={node} raw={raw} />
          ) : (
            <ValueInput node={node} raw={raw} onChange={onValueChange ?? (() => undefined)} status={sev} />
          ))}
      </div>
      <div className="ind-row__note">
        {isInput &&
          (readOnly ? (
            <Typography.Text type="secondary">{note}</Typography.Text>
          ) : (
            <PlainInput
              size="small"
              value={note ?? ''}
              placeholder={t('form.notePlaceholder')}
              onChange={(e) => onNoteChange?.(node.code, e.target.value)}
              aria-label={`${t('form.note')} ${node.code}`}
            />
          ))}
      </div>
    </div>
  );
});

function ReadOnlyValue({ node, raw }: { node: IndicatorNode; raw: string | undefined }) {
  const { t, i18n } = useTranslation();
  if (raw === undefined || raw === '') return <Typography.Text type="secondary">{t('form.blank')}</Typography.Text>;
  if (node.options) {
    const o = node.options.find((x) => String(x.value) === raw);
    if (o) return <Typography.Text strong>{`${i18n.language.startsWith('en') && o.labelEn ? o.labelEn : o.label} (${o.value})`}</Typography.Text>;
  }
  return (
    <Typography.Text strong data-testid={`readonly-${node.code}`}>
      {raw}
      {node.valueType === 'percent' ? '%' : ''}
    </Typography.Text>
  );
}

/** The appendix as a tree: one collapsible panel per group, a row per indicator, findings beside the field. */
export function IndicatorTree(props: IndicatorTreeProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { template, nodes, raw, notes, findingsByCode, comments, readOnly = false, extra, aside, previous, openGroups, onOpenGroupsChange, onValueChange, onNoteChange } = props;
  const parents = useMemo(() => new Set(template.nodes.map((n) => n.parent).filter((p): p is string => !!p)), [template]);
  const groups = useMemo(() => {
    const out: { group: IndicatorNode; rows: IndicatorNode[] }[] = [];
    for (const n of nodes) {
      if (n.depth === 1) out.push({ group: n, rows: [] });
      else out[out.length - 1]?.rows.push(n);
    }
    return out;
  }, [nodes]);

  const items = groups.map(({ group, rows }) => {
    const codes = [group.code, ...rows.map((r) => r.code)];
    let errors = 0;
    let warnings = 0;
    for (const c of codes)
      for (const f of findingsByCode.get(c) ?? []) {
        if (f.code !== c) continue;
        if (f.severity === 'error') errors++;
        else warnings++;
      }
    const filled = rows.filter((r) => r.valueType && (raw[r.code] ?? '') !== '').length;
    const total = rows.filter((r) => r.valueType).length;
    return {
      key: group.code,
      label: (
        <span data-testid={`group-${group.code}`}>
          <strong>{group.code}.</strong> {en && group.titleEn ? group.titleEn : group.title}
        </span>
      ),
      extra: (
        <span className="nowrap">
          <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 8 }}>
            {filled}/{total}
          </Typography.Text>
          {errors > 0 && <Badge count={errors} title={t('form.errorsCount', { count: errors })} />}
          {warnings > 0 && <Badge count={warnings} color="#faad14" title={t('form.warningsCount', { count: warnings })} style={{ marginLeft: 4 }} />}
        </span>
      ),
      children: (
        <div>
          <div className="ind-row ind-header">
            <div>{t('form.colCode')}</div>
            <div>{t('form.colIndicator')}</div>
            {aside && <div className="ind-row__aside">{aside.title}</div>}
            {previous && <div className="ind-row__previous">{previous.title}</div>}
            <div>{aside ? t('form.colOwnValue') : t('form.colValue')}</div>
            <div>{t('form.colNote')}</div>
          </div>
          {[group, ...rows].filter((n) => n.valueType || n !== group).map((n) => (
            <IndicatorRow
              key={n.code}
              node={n}
              hasChildren={parents.has(n.code)}
              raw={raw[n.code]}
              note={notes[n.code]}
              findings={findingsByCode.get(n.code)}
              comments={comments?.[n.code]}
              readOnly={readOnly}
              extra={extra?.(n.code)}
              aside={aside ? (n.valueType ? aside.render(n) : null) : undefined}
              previous={previous ? (n.valueType ? previous.render(n) : null) : undefined}
              onValueChange={onValueChange}
              onNoteChange={onNoteChange}
            />
          ))}
        </div>
      ),
    };
  });

  return (
    <Collapse
      items={items}
      activeKey={openGroups}
      onChange={(k) => onOpenGroupsChange(Array.isArray(k) ? k : [k])}
      className={['indicator-tree', aside ? 'indicator-tree--aside' : '', previous ? 'indicator-tree--previous' : ''].join(' ')}
    />
  );
}

