from lnob_graphics.cli import main

main()
