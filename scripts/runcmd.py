"""run(): one way for the scripts (check.py, bench.py) to run a command."""
import subprocess


def run(cmd, cwd=None, env=None, timeout=None):
    """Run a command with no input; returns (status, stdout and stderr
    together). A timeout gives status 124, a missing program 127."""
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout,
                           stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        return 124, out + "\n(timed out after %s s)" % timeout
    except OSError as e:
        return 127, str(e)
