"""The command line in a pipeline whose reader stops early (hegai assess - | head -3)."""

import subprocess
import sys


def test_a_reader_that_stops_early_ends_the_output_without_a_traceback():
    text = "张伟 13912345678 住北京市朝阳区建国路88号3号楼2单元501室\n" * 3000
    writer = subprocess.Popen([sys.executable, "-m", "hegai.cli", "scan", "-"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    writer.stdin.write(text.encode("utf-8"))
    writer.stdin.close()
    first = writer.stdout.readline()          # like head -1: read one line, then go away
    writer.stdout.close()
    stderr = writer.stderr.read().decode("utf-8", "replace")
    assert writer.wait(timeout=120) == 0
    assert first.strip() and "Traceback" not in stderr and "BrokenPipe" not in stderr
