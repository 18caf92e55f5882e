# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Steps the scheduled-action tests share: run a job as the scheduler does,
find its activities, measure a batch."""

import logging
from functools import reduce
from operator import or_
from unittest.mock import patch

from freezegun import freeze_time

_logger = logging.getLogger(__name__)
CRON_LOGGER = "odoo.addons.hr_goede_gesprek.tools.cron"


class CronCaseMixin:
    """Mixed into a TransactionCase whose class sets ``cron_user``."""

    def _as_cron(self, model):
        # The scheduler runs the jobs as OdooBot; the work is done as user_cron.
        return self.env[model].with_user(self.env.ref("base.user_root"))

    def _activities(self, records, xmlid):
        """The activities of type ``xmlid`` on ``records``."""
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def _measure(self, call):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        call()
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def _run_past_a_broken_record(self, day, job, target, breaks):
        """Runs ``job`` on ``day`` with ``target`` (``(owner, name)``) failing
        whenever ``breaks`` (called with the target's arguments) says so: the
        job logs a warning and goes on with the other records."""
        owner, name = target
        original = getattr(owner, name)

        def broken(*args, **kwargs):
            if breaks(*args, **kwargs):
                raise ValueError("broken record")
            return original(*args, **kwargs)

        with (
            freeze_time(day),
            patch.object(owner, name, broken),
            self.assertLogs(CRON_LOGGER, "WARNING"),
        ):
            job()

    def _run_reminder(self, record, kind, job, too_early, due):
        """Runs ``job`` (``(model, method name)``) on ``too_early``: no
        activity ``kind`` on ``record`` yet; then twice on ``due`` (a rerun the
        same day). Returns the activities ``kind`` on ``record``, for the
        caller to check whom they are for."""
        model, method = job
        with freeze_time(too_early):
            getattr(self._as_cron(model), method)()
            self.assertFalse(self._activities(record, kind))
        with freeze_time(due):
            getattr(self._as_cron(model), method)()
            getattr(self._as_cron(model), method)()
            return self._activities(record, kind)

    def _assert_batch_queries_flat(self, label, make, batch, day, sizes, done):
        """``sizes`` is (warm-up, small, big). Per size, ``make()`` that many
        records and run ``batch(batch_size=size)`` on ``day``; ``done(records,
        size)`` checks the work. The big batch takes no more queries than the
        small one."""
        warm_up, small, big = sizes
        counts = {}
        for key, size in (("warm-up", warm_up), (small, small), (big, big)):
            records = reduce(or_, [make() for _i in range(size)])
            with freeze_time(day):
                counts[key] = self._measure(lambda size=size: batch(batch_size=size))
            done(records, size)
        _logger.info("%s: %s queries per batch", label, counts)
        self.assertLessEqual(counts[big], counts[small], counts)

    def _assert_scheduled_actions_run_like_the_scheduler(self, names):
        """The jobs ``ir_cron_<name>`` run as OdooBot (18.0's progress records
        need it), manually too."""
        admin = self.env.ref("base.user_admin")
        for name in names:
            cron = self.env.ref(f"hr_goede_gesprek.ir_cron_{name}")
            self.assertEqual(cron.user_id, self.env.ref("base.user_root"))
            cron.with_user(admin).method_direct_trigger()
