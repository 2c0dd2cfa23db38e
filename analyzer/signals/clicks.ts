// Shared helpers for click-based detectors.
import type { Interaction, Session } from '../replay/types';

/** Clicks only: a tap records a TouchStart and then the click the browser synthesises; counting both doubles it. */
export function isClick(interaction: Interaction): boolean {
  return interaction.kind === 'click';
}

export function clicksOf(session: Session): Interaction[] {
  return session.interactions.filter(isClick);
}

export function routeAt(session: Session, pageIndex: number): string {
  return session.pages[pageIndex]?.route ?? '(unknown)';
}
