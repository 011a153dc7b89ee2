/**
 * @module Times and counts as `<integration-list>` words them: relative times ("3 min ago"), short
 * dates ("5 Dec") and plurals. Pure, so the element and its tests share one wording.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "1 device", "46 devices"; `plural` defaults to `singular` + "s". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}

/** A calendar day as "5 Dec", with the year when it is not `now`'s ("5 Dec 2027"). */
function dayMonth(year: number, month: number, day: number, now: Date): string {
  return `${day} ${MONTHS[month]}${year === now.getFullYear() ? '' : ` ${year}`}`;
}

/**
 * A date-only value (`YYYY-MM-DD`, as the BFF sends sync days) as "5 Dec". Read as a calendar day,
 * not an instant, so no time zone moves it to the day before.
 */
export function shortDate(value: string, now = new Date()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  return dayMonth(Number(match[1]), Number(match[2]) - 1, Number(match[3]), now);
}

/** An instant as the local time of day, "09:05" (a retry time within the next minutes). */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/**
 * An instant in the past as words: "just now", "3 min ago", "2 h ago", "yesterday", "4 days ago",
 * then the local date "on 5 Dec". A time slightly in the future (clock skew) reads "just now".
 */
export function timeAgo(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const ms = now.getTime() - at.getTime();
  if (Number.isNaN(ms)) return iso;
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  if (ms < 2 * DAY) return 'yesterday';
  if (ms < 7 * DAY) return `${Math.floor(ms / DAY)} days ago`;
  return `on ${dayMonth(at.getFullYear(), at.getMonth(), at.getDate(), now)}`;
}
