# geolib: two commands on a fresh machine with Python >= 3.11 and make.
#   make briefing   set up .venv if needed, run every notebook, rebuild every chart and the PDF
#                   (make briefing CORPUS=path/to/articles [ARTICLES="id1 id2"] [OUT=folder]
#                   for another corpus or a selection: see geolib briefing --help)
#   make test       set up .venv if needed, run the whole test suite (notebooks checked by nbval)
#   make lab        open the notebooks in JupyterLab

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(wildcard notebooks/[0-9][0-9]-*.ipynb)
CORPUS ?=
ARTICLES ?=
OUT ?=

.PHONY: briefing test lab tables lint clean-cache

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The briefing reads the corpus itself (an unreadable file is reported and left out, the
# rest goes on), so it does not depend on `make tables`.
briefing: $(STAMP)
	$(BIN)/geolib briefing $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(ARTICLES),--articles $(ARTICLES)) \
		$(if $(OUT),--out "$(OUT)")

tables: $(STAMP)
	$(BIN)/geolib tables $(or $(CORPUS),data/raw) --out data/processed

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/python -m pytest -n auto tests
	$(if $(NOTEBOOKS),$(BIN)/python -m pytest --nbval --nbval-current-env \
		--nbval-sanitize-with notebooks/sanitize.cfg $(NOTEBOOKS))

# JupyterLab refuses to start as root without --allow-root (containers often run as root).
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

clean-cache:
	rm -rf data/cache
