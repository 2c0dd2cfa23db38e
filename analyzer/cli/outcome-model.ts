// Chooses and opens the session-outcome model for `analyze`: --model <dir>, --model none, or by default the
// workspace's own model (.friction/models) else the shipped one. A default that cannot be used degrades to the
// observed ranking with a warning; a model the user named must work.
import { loadOutcomeScorer, type LoadedOutcomeScorer } from '../models/outcome-scorer';
import { resolveModelDir } from '../models/model-files';
import { InputError } from './errors';
import { packageRoot } from './package-root';

export async function openOutcomeModel(flag: string | undefined, warn: (message: string) => void): Promise<LoadedOutcomeScorer | undefined> {
  if (flag === 'none') return undefined;
  const dir = flag ?? resolveModelDir('session-outcome', packageRoot());
  try {
    return await loadOutcomeScorer(dir);
  } catch (error) {
    if (flag !== undefined) throw new InputError(`cannot use the session-outcome model in ${dir}: ${(error as Error).message}`);
    warn(`session-outcome model not used (${(error as Error).message}); ranking by observed conversion gaps`);
    return undefined;
  }
}
