// Renders a model card (CARD.md) from the model's meta: what it is for, the data and its consent basis, how it
// was trained, the figures measured on held-out data, and where it must not be trusted.
import type { ModelMeta } from '../../analyzer/models/model-files';

export interface CardText {
  title: string;
  purpose: string;
  architecture: string;
  /** Metric name -> how it was measured, printed next to the value. */
  metricNotes: Record<string, string>;
  limitations: string[];
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

export function renderModelCard(meta: ModelMeta, text: CardText): string {
  const lines = [
    `# Model card: ${text.title}`,
    '',
    `- **Version:** \`${meta.version}\``,
    `- **Created:** ${meta.createdAt}`,
    `- **Files:** ${Object.entries(meta.files)
      .map(([role, file]) => `\`${file}\` (${role}${meta.bytes?.[role] !== undefined ? `, ${(meta.bytes[role] / 1024).toFixed(1)} KB` : ''})`)
      .join(', ')}, \`model.json\` (inputs, metrics, extras)`,
    '',
    '## Purpose',
    text.purpose,
    '',
    '## Architecture',
    text.architecture,
    '',
    ...Object.entries(meta.inputs).map(([role, names]) => `- ${role} inputs (${names.length}): ${names.map((n) => `\`${n}\``).join(', ')}`),
    '',
    '## Data',
    `${meta.data.description}`,
    '',
    `- Sessions: ${meta.data.sessions}${meta.data.converted !== undefined ? `, of which converted: ${meta.data.converted}` : ''}${meta.data.steps !== undefined ? `; decision steps: ${meta.data.steps}` : ''}${meta.data.frictionMoments !== undefined ? `; friction-moment rows: ${meta.data.frictionMoments}` : ''}`,
    ...meta.data.sources.map((s) => `- Source: ${s}`),
    '',
    '## Consent basis',
    ...meta.consent.map((c) => `- ${c}`),
    '',
    '## Training',
    `Seed ${meta.training.seed}; ${meta.training.epochs} epochs (best ${meta.training.bestEpoch}, early stopping on a validation split); ${meta.training.seconds.toFixed(1)} s.`,
    '',
    '```json',
    JSON.stringify(meta.training.options),
    '```',
    '',
    '## Metrics (held-out data)',
    '| metric | value | how |',
    '|---|---|---|',
    ...Object.entries(meta.metrics).map(([name, value]) => `| ${name} | ${formatValue(value)} | ${text.metricNotes[name] ?? ''} |`),
    '',
    '## Limitations',
    ...text.limitations.map((l) => `- ${l}`),
    '',
  ];
  return lines.join('\n');
}
