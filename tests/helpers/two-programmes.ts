/**
 * The two-programme config several suites share: WOL Week in two sandbox channels (London and
 * New York) and the weekly series, on weekdays, in a third (Berlin). Sandbox channels need no
 * credentials. `top` adds top-level keys (e.g. admins) before the list.
 */
export function twoProgrammesYaml(top = ''): string {
  return `${top}programmes:
  - program: wol-week
    start: 2026-11-16
    time: "9:00"
    timezone: Europe/London
    channels: [local:wol-a, { id: "local:wol-b", timezone: America/New_York }]
  - program: weekly-habits
    start: 2026-11-16
    time: "13:30"
    timezone: Europe/Berlin
    days: weekdays
    channels: [local:circle]
`;
}
