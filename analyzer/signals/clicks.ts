// Shared helpers for click-based detectors.
import type { Interaction, Session } from '../replay/types';

export function isClick(interaction: Interaction): boolean {
  return interaction.kind === 'click' || interaction.kind === 'touch';
}

export function clicksOf(session: Session): Interaction[] {
  return session.interactions.filter(isClick);
}

export function routeAt(session: Session, pageIndex: number): string {
  return session.pages[pageIndex]?.route ?? '(unknown)';
}
