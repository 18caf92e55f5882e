# The two commands of README.md, and a few helpers for development.
# ODOO_SRC (default /opt/odoo) is the Odoo 18.0 source tree.

.PHONY: run test lint i18n pytest bench bench-scale bench-load clean-db clean

run:  ## set up and serve the demo database at http://localhost:8069
	@bash scripts/run.sh

test:  ## set up, lint, build the wheel, run every test on a throwaway database
	@bash scripts/test.sh

i18n:  ## regenerate i18n/hr_goede_gesprek.pot with Odoo's exporter and merge nl.po
	@bash scripts/i18n.sh

pytest:  ## quick loop: pytest-odoo on a database with the addon installed (GG_DB; ARGS="-k x")
	@bash scripts/pytest.sh

bench:  ## conversation-due cron on 50,000 employees (builds gg_bench once, ~20 min)
	@bash scripts/bench.sh

bench-scale:  ## every screen per role at demo size and at 50,000 employees (throwaway database)
	@bash scripts/bench_scale.sh $(ARGS)

bench-load:  ## 50 simulated users for 2 minutes on the scale database, --workers 4 (after bench-scale with GG_SCALE_KEEP=1)
	@bash scripts/bench_load.sh $(ARGS)

clean-db:  ## drop the demo database
	@bash -c 'source scripts/lib.sh; gg_ensure_pg; gg_psql dropdb --if-exists $${GG_DB:-goede_gesprek_demo}'

clean:  ## remove the virtualenv, runtime files and the private cluster, if any
	@bash -c 'source scripts/lib.sh; [ -d .pgdata/data ] && gg_as $$(stat -c %U .pgdata/data) $$(gg_pg_bin)/pg_ctl -D .pgdata/data stop -m fast || true'
	rm -rf .venv .run .pgdata dist
