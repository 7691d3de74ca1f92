# Shortcuts; the README's two commands need none of this.
PYTHON ?= python3

.PHONY: contact-sheet docs-contact-sheet bench test readme-picture upgrade-pins

# Every script of the corpus on one page: out/every-script.png
contact-sheet:
	$(PYTHON) -m lnob_graphics render examples/corpus/every-script.yaml --out out/every-script --quiet
	$(PYTHON) -m lnob_graphics sheet out/every-script --out out/every-script.png

# The README's "Every script" picture: the square cards of the corpus, in 256 colours
docs-contact-sheet:
	$(PYTHON) -m lnob_graphics render examples/corpus/every-script.yaml --out out/every-script --quiet
	$(PYTHON) -m lnob_graphics sheet out/every-script -p instagram-square --out out/every-script-square.png
	$(PYTHON) -c "from PIL import Image; Image.open('out/every-script-square.png').convert('RGB').quantize(256, dither=Image.Dither.NONE).save('docs/images/every-script.png', optimize=True)"

bench:
	$(PYTHON) bench/text_engine.py

test:
	$(PYTHON) -m pytest

# The README picture, from the README's first command's output
readme-picture:
	$(PYTHON) -m lnob_graphics render examples/lnob-2030.yaml --out out/ --quiet
	$(PYTHON) docs/make_picture.py out/

# Move the exact pins to the newest releases (or: make upgrade-pins PINS="babel==2.18.0"),
# refresh the locks, install them, redraw the goldens: out/upgrade/goldens-changed.png
upgrade-pins:
	$(PYTHON) tools/upgrade_pins.py $(PINS)
