import type { SettingLink } from './setting-labels';

/** About two seconds at 60 frames a second: a step or a panel opens well within it. */
const MAX_FRAMES = 120;

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

/** Still sliding open: inside one of MUI's Collapse (an Accordion's details) that has not yet entered. */
const opening = (element: HTMLElement) => element.closest('.MuiCollapse-root:not(.MuiCollapse-entered)') !== null;

/**
 * Focuses a setting's field and brings it into view once it is on the page and still: the step
 * it is on, or the panel it is in, is being opened at the same time, renders on a later frame and
 * may still be sliding open (scrolled to before that, the field would end up below the view).
 */
export function focusSetting(link: SettingLink): void {
  let frames = 0;
  const attempt = () => {
    const target = targetOf(link);
    if (target?.checkVisibility({ visibilityProperty: true }) && !opening(target)) {
      target.focus();
      target.scrollIntoView({ block: 'center' });
    } else if (++frames < MAX_FRAMES) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
