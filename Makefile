# Two commands set everything up on a fresh machine: `make play` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: play test test-slow bench bundle catalogues check-catalogues clean

# The translations: gettext .po sources, compiled to .mo (never committed) before anything runs
PO := $(wildcard assets/i18n/*/LC_MESSAGES/bve.po)
MO := $(PO:.po=.mo) assets/i18n/qps/LC_MESSAGES/bve.mo

$(STAMP): pyproject.toml setup.py
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bundle]'
	touch $(STAMP)

$(MO) &: $(PO) game/catalogues.py $(STAMP)
	$(PY) -m game.catalogues compile

catalogues: $(MO)

# the keys the code asks for and the catalogues lack, and those they hold for nothing
check-catalogues: $(STAMP)
	$(PY) -m game.catalogues check

play: $(STAMP) $(MO)
	$(VENV)/bin/bve play

test: $(STAMP) $(MO)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -n 2 -m "not slow"

test-slow: $(STAMP) $(MO)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -n 2 -m slow

# The one-folder app for the system it runs on: dist/bien-vivre-ensemble/ (docs/distribution.md)
bundle: $(STAMP)
	$(PY) -m PyInstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyinstaller bien-vivre-ensemble.spec
	@du -sh dist/bien-vivre-ensemble

bench: $(STAMP) $(MO)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist
