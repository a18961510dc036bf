"""Runs until stopped, with a child process, for the Energy Profile stop test."""
import os
import subprocess
import sys
import time

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "long_run.pids"), "w") as f:
    f.write(f"{os.getpid()} {child.pid}\n")
print("started child", child.pid, flush=True)

step = 0
while True:
    step += 1
    sum(i * i for i in range(20_000))
    if step % 50 == 0:
        time.sleep(0.01)
