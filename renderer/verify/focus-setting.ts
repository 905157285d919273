import type { SettingLink } from './setting-labels';

const MAX_FRAMES = 60;

/** The element that takes the focus for a setting: its `data-field` input, or what its place names (a CSS selector, or `label:` and a label's text). */
function targetOf(link: SettingLink): HTMLElement | null {
  const input = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(link.path)}"]`);
  const focus = link.place.focus;
  if (input || focus === undefined) return input;
  if (!focus.startsWith('label:')) return document.querySelector<HTMLElement>(focus);
  const text = focus.slice('label:'.length);
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  return label?.querySelector<HTMLElement>('input') ?? (label?.htmlFor ? document.getElementById(label.htmlFor) : null);
}

/**
 * Focuses a setting's field and brings it into view once it is on the page: the step it is on,
 * or the panel it is in, is being opened at the same time and renders on a later frame.
 */
export function focusSetting(link: SettingLink): void {
  let frames = 0;
  const attempt = () => {
    const target = targetOf(link);
    // A field in a panel still closing or opening is there but hidden (visibility), and takes no focus yet.
    if (target?.checkVisibility({ visibilityProperty: true })) {
      target.focus();
      target.scrollIntoView({ block: 'center' });
    } else if (++frames < MAX_FRAMES) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
