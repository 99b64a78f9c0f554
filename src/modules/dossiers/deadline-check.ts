import type { Services } from '../../common/services';
import type { Logger } from '../../logger';
import { DossierService } from './dossier.service';

/**
 * Runs the dossier deadline check (DossierService.checkDeadlines) in this
 * process now and then every `minutes` minutes (none when 0). Every process
 * may run it: each overdue dossier is logged once whoever runs first, and a
 * process that was down catches up on its next run. Returns the stop function.
 */
export function startDeadlineChecks(
  services: Services,
  minutes: number,
  logger: Logger,
): () => void {
  if (minutes <= 0) return () => undefined;
  let running: Promise<unknown> | undefined;
  const run = () => {
    running ??= services
      .get(DossierService)
      .checkDeadlines()
      .then((ids) => {
        if (ids.length) logger.info({ dossiers: ids }, 'dossiers newly overdue');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'the deadline check failed'))
      .finally(() => (running = undefined));
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, minutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
