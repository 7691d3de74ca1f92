"""`lnob serve`: the campaign tool as a web page on the campaigner's own computer.

Modules, one concern each: ``safety`` (the token, Host and Origin checks, upload limits,
safe names, the zip guard), ``sessions`` (one temporary folder per browser), ``edits``
(a text changed in the page, written back into the file it came from), ``work`` (what
runs in the render processes: previews and the pack, with the CLI's time limit),
``ui`` (the page's own words in five languages), ``app`` (the routes) and ``server``
(the socket, uvicorn, the browser, Ctrl-C). Nothing here is imported by `lnob --help`.
"""
