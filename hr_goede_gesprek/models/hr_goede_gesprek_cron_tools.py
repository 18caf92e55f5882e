# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers shared by the scheduled actions (``_cron_*`` on the models they serve).

Every cron of this addon:
- handles one batch per call and reports ``ir.cron._notify_progress`` so the
  scheduler calls it again (committing in between) while work remains;
- is idempotent: what was sent is recorded on the record (a marker date or
  stage), so a second run the same day finds nothing to do;
- processes its batch in one savepoint and, only when that fails, again record
  by record in a savepoint each, so one bad record does not stop its batch while
  a healthy batch costs a constant number of queries;
- runs as OdooBot (18.0's scheduler needs Settings rights for its progress
  records) and does its work as ``hr_goede_gesprek.user_cron`` (HR officer
  rights only, no admin).
"""

import logging

_logger = logging.getLogger(__name__)

STAGE_RANK = {"employee": 1, "manager": 2, "hr": 3}
RANK_STAGE = {rank: stage for stage, rank in STAGE_RANK.items()}


def _process_batch(records, process):
    """Run ``process(records)``; on failure, record by record. Returns the failed."""
    cr = records.env.cr
    try:
        with cr.savepoint():
            process(records)
        return records.browse()
    except Exception:  # noqa: BLE001 -- retried per record just below
        _logger.info("Batch of %s failed, retrying record by record", records._name)
    failed = records.browse()
    for record in records:
        try:
            with cr.savepoint():
                process(record)
        except Exception as error:  # noqa: BLE001 -- one bad record must not stop
            _logger.warning("Reminder for %s skipped: %s", record, error)
            failed |= record
    return failed


def _run_as_cron_user(records, method, batch_size):
    """Do one batch as ``hr_goede_gesprek.user_cron`` and report the progress.

    In 18.0 the scheduler itself needs Settings rights (it creates
    ``ir.cron.progress`` records as the job's user), so the jobs run as OdooBot
    and the work drops to the reminder user, who has HR officer rights only.
    """
    worker = records.with_user(records.env.ref("hr_goede_gesprek.user_cron"))
    done, remaining = getattr(worker, method)(batch_size=batch_size)
    # sudo: the progress record is the scheduler's bookkeeping, not business data.
    records.env["ir.cron"].sudo()._notify_progress(
        done=done, remaining=max(remaining, 0)
    )


def _activities(env, model, vals_list):
    """Create reminder activities in one go, without one e-mail per activity."""
    if not vals_list:
        return env["mail.activity"]
    res_model_id = env["ir.model"]._get_id(model)
    for vals in vals_list:
        vals["res_model_id"] = res_model_id
    return (
        env["mail.activity"]
        .with_context(mail_activity_quick_update=True)
        .create(vals_list)
    )
