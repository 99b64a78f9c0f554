/** What the steps of the data generator share: the run, its dice, and the rows they pass on. */
import type { Client } from 'pg';
import type { ScaleSpec } from '../common';

/**
 * One generation run, handed to every step. Steps draw from `dice` in a fixed
 * order (units, conferences, campaigns, people, awards, replications), so a
 * seed gives the same dataset (ids aside: they are random UUIDs).
 */
export interface Generation {
  spec: ScaleSpec;
  dice: Dice;
  /** The ten award years, `lastYear` being last year. */
  firstYear: number;
  lastYear: number;
  /** Today as YYYY-MM-DD (campaign statuses follow from it). */
  today: string;
  /** The main loading connection. */
  main: Client;
  /** Another loading connection, for a COPY that runs beside the main one (closed at the end). */
  another(): Promise<Client>;
  /** Show a progress bar for the long step. */
  progress: boolean;
  log(message: string): void;
}

export interface GenUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentIndex: number;
  path: string;
  depth: number;
}

export interface GenPerson {
  id: string;
  unitIndex: number;
}

export interface GenCampaign {
  id: string;
  startYear: number;
  endYear: number;
  status: 'DRAFT' | 'LAUNCHED' | 'CLOSED';
}

/** Who receives an award or holds an achievement: a person (in a unit) or a unit. */
export interface Holder {
  personId: string | null;
  unitId: string | null;
  unitIndex: number;
}

/** Pseudo-random helpers over one seeded generator. */
export class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T>(list: readonly [T, number][]): T {
    const total = list.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of list) {
      r -= w;
      if (r < 0) return value;
    }
    return list[list.length - 1]![0];
  }
}

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');
