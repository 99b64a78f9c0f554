import { z } from 'zod';
import { RecipientKind } from '../award-type.entity';
import { block, defineRule, pass, recipientName, type Finding } from './rule';

const NO_PARAMS = z.object({}).strict();

const LAW = 'Law on Emulation and Commendation 06/2022/QH15';

/**
 * The recipient exists. The engine looks the recipient up before any rule
 * runs; when it is missing it reports `recipientMissing` under this code and
 * checks nothing else (no other rule means anything without a recipient).
 */
export const RECIPIENT_EXISTS = defineRule({
  code: 'RECIPIENT_EXISTS',
  params: NO_PARAMS,
  legalBasis: LAW,
  describe: () => 'The person or unit nominated exists.',
  async check({ recipient }) {
    return [
      recipient.kind === RecipientKind.INDIVIDUAL
        ? pass(`${recipient.person.fullName} is a person of ${recipient.unit.name}`)
        : pass(`${recipient.unit.name} (${recipient.unit.code}) is a unit`),
    ];
  },
});

/** The BLOCK of RECIPIENT_EXISTS for an id that matches nothing. */
export function recipientMissing(kind: RecipientKind, id: string): Finding {
  return kind === RecipientKind.INDIVIDUAL
    ? block(`No person has the id ${id}: check personId`)
    : block(`No unit has the id ${id}: check unitId`);
}

const KIND_WORDS: Record<RecipientKind, string> = {
  INDIVIDUAL: 'individuals',
  COLLECTIVE: 'collectives (units)',
};

/** The type may be given to this kind of recipient (individual or collective). */
export const RECIPIENT_KIND = defineRule({
  code: 'RECIPIENT_KIND',
  params: NO_PARAMS,
  legalBasis: LAW,
  describe: () => 'The recipient is of a kind the award type is for (individual or collective).',
  async check({ type, recipient, label }) {
    const allowed = type.recipientKinds.map((kind) => KIND_WORDS[kind]).join(' and ');
    if (type.recipientKinds.includes(recipient.kind)) {
      return [pass(`${label(type.code)} is for ${allowed}; ${recipientName(recipient)} is one`)];
    }
    const other = recipient.kind === RecipientKind.INDIVIDUAL ? 'a person' : 'a unit';
    const give =
      recipient.kind === RecipientKind.INDIVIDUAL
        ? 'nominate a unit (unitId) instead'
        : 'nominate a person (personId) instead';
    return [
      block(`${label(type.code)} is only for ${allowed}, and ${other} was nominated: ${give}`),
    ];
  },
});
