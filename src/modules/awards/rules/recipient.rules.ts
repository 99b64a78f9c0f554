import { z } from 'zod';
import { msg } from '../../../i18n/i18n';
import type { LocalizedText } from '../../../i18n/messages';
import { RecipientKind } from '../award-type.entity';
import type { Citation } from '../legal-basis';
import { block, defineRule, listing, pass, recipientName, type Finding } from './rule';

const NO_PARAMS = z.object({}).strict();

const LAW: Citation[] = [{ act: 'LAW_06_2022' }];

/**
 * The recipient exists. The engine looks the recipient up before any rule
 * runs; when it is missing it reports `recipientMissing` under this code and
 * checks nothing else (no other rule means anything without a recipient).
 */
export const RECIPIENT_EXISTS = defineRule({
  code: 'RECIPIENT_EXISTS',
  params: NO_PARAMS,
  basis: LAW,
  describe: () => msg('ruleDesc.recipientExists'),
  async check({ recipient }) {
    return [
      recipient.kind === RecipientKind.INDIVIDUAL
        ? pass(
            msg('rule.recipientExists.person', {
              name: recipient.person.fullName,
              unit: recipient.unit.name,
            }),
          )
        : pass(
            msg('rule.recipientExists.unit', {
              name: recipient.unit.name,
              code: recipient.unit.code,
            }),
          ),
    ];
  },
});

/** The BLOCK of RECIPIENT_EXISTS for an id that matches nothing. */
export function recipientMissing(kind: RecipientKind, id: string): Finding {
  return block(
    kind === RecipientKind.INDIVIDUAL
      ? msg('rule.recipientExists.noPerson', { id })
      : msg('rule.recipientExists.noUnit', { id }),
  );
}

const KIND_WORDS: Record<RecipientKind, LocalizedText> = {
  INDIVIDUAL: { vi: 'cá nhân', en: 'individuals' },
  COLLECTIVE: { vi: 'tập thể', en: 'collectives (units)' },
};

/** The type may be given to this kind of recipient (individual or collective). */
export const RECIPIENT_KIND = defineRule({
  code: 'RECIPIENT_KIND',
  params: NO_PARAMS,
  basis: LAW,
  describe: () => msg('ruleDesc.recipientKind'),
  async check({ type, recipient, label }) {
    const allowed = listing(type.recipientKinds.map((kind) => KIND_WORDS[kind]));
    const title = label(type.code);
    if (type.recipientKinds.includes(recipient.kind)) {
      return [
        pass(msg('rule.recipientKind.fits', { title, allowed, name: recipientName(recipient) })),
      ];
    }
    return [
      block(
        recipient.kind === RecipientKind.INDIVIDUAL
          ? msg('rule.recipientKind.personGiven', { title, allowed })
          : msg('rule.recipientKind.unitGiven', { title, allowed }),
      ),
    ];
  },
});
