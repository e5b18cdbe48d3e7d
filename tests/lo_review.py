"""Accept or reject every tracked change of a Word file in LibreOffice and save its text.

    /usr/bin/python3 lo_review.py FILE.docx Accept|Reject OUT.txt PROFILE-URL

Run by the system Python (python3-uno), not the project's: it starts a headless LibreOffice
on a pipe of its own, opens the file hidden, dispatches .uno:AcceptAllTrackedChanges (or
Reject...), saves the text and quits.  Prints 'changes: N', the number LibreOffice found.
"""

import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):
    made = PropertyValue()
    made.Name, made.Value = name, value
    return made


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(1200):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not start")


def main(source, action, target, profile):
    pipe = f"pause-docs-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        changes = doc.getRedlines().createEnumeration()
        count = 0
        while changes.hasMoreElements():
            changes.nextElement()
            count += 1
        print(f"changes: {count}")
        helper = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        helper.executeDispatch(doc.getCurrentController().getFrame(),
                               f".uno:{action}AllTrackedChanges", "", 0, ())
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                       (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")))
        doc.close(True)
        desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
