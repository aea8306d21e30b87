import { AdapterRegistry } from './adapter-registry';
import { BackgroundWork } from './background-work';
import { channelSchedule } from './calendar';
import { programmeFor, programmeOfRun } from './campaigns';
import { Collector } from './collector';
import { CommandService } from './commands/run';
import { AutoIntroductions } from './connect/auto-round';
import { Circles } from './connect/circles';
import { Introductions } from './connect/introductions';
import { Deliverer } from './delivery';
import { DigestService } from './digest';
import { FailureNotifier } from './failure-notifier';
import { Announcements } from './give/announcements';
import { SummaryEdits } from './give/summary-edits';
import { LeaseKeeper } from './lease-keeper';
import { ChannelLifecycle } from './lifecycle';
import { PeopleNames } from './names';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { Store } from './ports/store';
import { gathers } from './programme';
import { Scheduler } from './scheduler';
import type { WolSettings } from './settings';

/** A claim is taken over this long after its owner's last heartbeat (beats every third of it). */
export const DEFAULT_LEASE_MS = 30_000;

export interface CoreDeps {
  settings: WolSettings;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** This process's id in the ledger (host:pid:random). */
  owner: string;
  /** How long a claim is held without a heartbeat before another process may take it over (default 30 s). */
  leaseMs?: number;
  /** PUBLIC_URL: the page's public address (the wrap-up links to the gallery there). */
  publicUrl?: string;
  /** Runs left out of the run list (the built-in demo's once a real config runs); kept in the store, readable by name. */
  hiddenRuns?: string[];
}

/** The core's parts, each built once: what WolbotCore runs on. */
export interface CoreParts {
  adapters: AdapterRegistry;
  background: BackgroundWork;
  /** Heartbeat of this process's claims (other ledger rows, e.g. digests, hold them too). */
  leases: LeaseKeeper;
  names: PeopleNames;
  deliverer: Deliverer;
  digests: DigestService;
  scheduler: Scheduler;
  collector: Collector;
  lifecycle: ChannelLifecycle;
  commands: CommandService;
  introductions: Introductions;
  circles: Circles;
}

/** Builds the parts and wires them to each other (the sending side first: the others use it). */
export function buildCoreParts(d: CoreDeps): CoreParts {
  const { settings, store, clock, logger, owner } = d;
  const log = (component: string) => logger.child({ component });
  const adapters = new AdapterRegistry();
  const leaseMs = d.leaseMs ?? DEFAULT_LEASE_MS;
  const names = new PeopleNames({ store, adapters, clock, logger: log('names') });
  const notifier = new FailureNotifier({ store, adapters, admins: settings.admins, clock, logger: log('notifier'), programmeOf: (c) => programmeFor(settings, c).programme });
  const leases = new LeaseKeeper({ store, clock, logger: log('leases'), owner, leaseMs });
  const deliverer = new Deliverer({ store, adapters, programmeOf: (run) => programmeOfRun(settings, run)?.programme, clock, logger: log('delivery'), owner, leaseMs, notifier, leases });
  const digests = new DigestService({ settings, store, adapters, deliverer, names, clock, logger: log('digest'), publicUrl: d.publicUrl });
  const announcements = new Announcements({
    settings, store, adapters, deliverer, names, clock, logger: log('announcements'),
    schedule: (c) => channelSchedule(programmeFor(settings, c), c), publicUrl: d.publicUrl,
  });
  const connect = { store, adapters, names, clock, owner };
  const introductions = new Introductions({ ...connect, logger: log('introductions') });
  const circles = new Circles({ ...connect, logger: log('circles') });
  const daily = new AutoIntroductions({ settings, store, introductions, owner, logger: log('introductions') });
  const scheduler = new Scheduler({ settings, store, adapters, deliverer, digests, announcements, introductions: daily, clock, logger: log('scheduler') });
  // Only the configured programme can say `gather: false`; past runs of others keep gathering.
  const gathering = (programme: string) => programme !== settings.programme.id || gathers(settings.programme);
  const collector = new Collector({ store, clock, logger: log('collector'), gathers: gathering });
  const lifecycle = new ChannelLifecycle({ store, clock, logger: log('lifecycle') });
  const background = new BackgroundWork();
  const summaries = new SummaryEdits({ store, adapters, digests, announcements, background, logger: log('summaries') });
  const commands = new CommandService({ settings, store, deliverer, scheduler, digests, clock, logger: log('commands'), enabled: (p) => adapters.has(p), summaries, introductions, circles });
  return { adapters, background, leases, names, deliverer, digests, scheduler, collector, lifecycle, commands, introductions, circles };
}
