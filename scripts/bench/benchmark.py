"""The performance figures of local-ecs-api, each beside a peer measured in the same run (see
scripts/benchmark.sh, which builds the distribution and calls this). Talks only to 127.0.0.1 and the local
Docker engine; every runtime, container and folder it makes is removed at the end."""
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = sys.argv[1]
QUICK = "--quick" in sys.argv[2:]
LAUNCHER = os.path.join(ROOT, "distribution/target/local-ecs-api/bin/local-ecs-api")
LUA = os.path.join(ROOT, "scripts/bench/ecs.lua")
SECONDS = 5 if QUICK else 10
SCALES = [100, 1000] if QUICK else [100, 1000, 10000]
RUNS = 5 if QUICK else 9
IMAGE = "local/busybox:test"
TARGET = "AmazonEC2ContainerServiceV20141113."
AUTH = "AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0"
LABEL = "local-ecs-api.benchmark=1"
TASK_NETWORK = "ecs-local-network"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Runtime:
    """The distribution's launcher as users start it (default JVM settings), on a fresh state folder."""

    def __init__(self, engine, cache=None):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="local-ecs-bench-")
        env = dict(os.environ, SERVER_PORT=str(self.port), STATE_DIR=os.path.join(self.dir, "state"),
                   LOCAL_ECS_CACHE_DIR=cache or os.path.join(self.dir, "cache"),
                   COMPOSE_DEST=os.path.join(self.dir, "compose"), TASKS_ENGINE=engine, ENDPOINT_MODE="disabled",
                   TASKS_REMOVE_CONTAINERS="immediately", TASKS_PULL_POLICY="never")
        self.log = open(os.path.join(self.dir, "runtime.log"), "w")
        started = time.monotonic()
        self.process = subprocess.Popen([LAUNCHER], env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = started + 60
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                c.request("GET", "/health")
                c.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("the runtime did not answer within 60 s; see " + self.log.name)
                time.sleep(0.01)
        self.startup = time.monotonic() - started
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def call(self, action, body):
        self.conn.request("POST", "/", json.dumps(body), {"Content-Type": "application/x-amz-json-1.1",
                                                          "X-Amz-Target": TARGET + action, "Authorization": AUTH})
        answer = self.conn.getresponse()
        data = answer.read()
        if answer.status != 200:
            raise SystemExit(f"{action} answered {answer.status}: {data[:300]!r}")
        return json.loads(data)

    def jvm_pid(self):
        """The JVM: the launcher itself, or its child while it writes the class archive at the first run."""
        try:
            with open(f"/proc/{self.process.pid}/task/{self.process.pid}/children") as f:
                children = f.read().split()
        except OSError:
            children = []
        return int(children[0]) if children else self.process.pid

    def rss_mib(self):
        with open(f"/proc/{self.jvm_pid()}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def wrk(self, action, body):
        path = os.path.join(self.dir, action + ".json")
        with open(path, "w") as f:
            json.dump(body, f)
        out = subprocess.run(["wrk", "-t2", "-c16", f"-d{SECONDS}s", "-s", LUA, f"http://127.0.0.1:{self.port}/"],
                             env=dict(os.environ, BENCH_TARGET=action, BENCH_BODY_FILE=path),
                             capture_output=True, text=True, timeout=SECONDS + 60)
        line = next((l for l in out.stdout.splitlines() if l.startswith("RESULT")), None)
        if line is None or "non2xx=0" not in line:
            raise SystemExit(f"wrk {action} failed: {out.stdout} {out.stderr}")
        fields = dict(item.split("=") for item in line.split()[1:])
        return float(fields["rps"]), float(fields["p99_ms"])

    def close(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def definition(family, containers):
    return {"family": family, "containerDefinitions": [
        {"name": f"c{i}", "image": IMAGE, "memory": 16, "essential": True, "stopTimeout": 1,
         "command": ["sleep", "300"], "environment": [{"name": "MODE", "value": "bench"}],
         "dockerLabels": {"local-ecs-api.benchmark": "1"}} for i in range(containers)]}


def seed(runtime, known, target):
    """Runs (10 per call) and stops tasks until `target` are known."""
    arns = []
    while known + len(arns) < target:
        n = min(10, target - known - len(arns))
        arns += [t["taskArn"] for t in runtime.call("RunTask", {"taskDefinition": "bench-read", "count": n})["tasks"]]
    for arn in arns:
        runtime.call("StopTask", {"task": arn, "reason": "seeded"})
    return arns


def reads():
    print("== Reads (simulated engine; wrk 2 threads, 16 connections, HTTP/1.1 keep-alive) ==")
    cache = tempfile.mkdtemp(prefix="local-ecs-bench-cache-")
    runtime = Runtime("simulated", cache)  # the first run: no class archive yet; it leaves one at its clean stop
    rows = []
    try:
        cold = runtime.startup
        runtime.call("RegisterTaskDefinition", definition("bench-read", 1))
        runtime.wrk("ListTasks", {"desiredStatus": "STOPPED"})  # warm-up
        empty, empty_p99 = runtime.wrk("ListTasks", {"desiredStatus": "STOPPED"})
        rows.append(("ListTasks, empty runtime (peer of the reads)", f"{empty:,.0f} req/s", f"p99 {empty_p99:.1f} ms"))
        td, td_p99 = runtime.wrk("DescribeTaskDefinition", {"taskDefinition": "bench-read"})
        rows.append(("DescribeTaskDefinition", f"{td:,.0f} req/s", f"p99 {td_p99:.1f} ms"))
        arns = []
        rss = None
        for scale in SCALES:
            arns += seed(runtime, len(arns), scale)
            runtime.wrk("DescribeTasks", {"tasks": arns[:100]})  # warm-up
            lt, lt_p99 = runtime.wrk("ListTasks", {"desiredStatus": "STOPPED"})
            dt, dt_p99 = runtime.wrk("DescribeTasks", {"tasks": arns[-100:]})
            rows.append((f"ListTasks STOPPED, {scale:,} tasks known", f"{lt:,.0f} req/s",
                         f"p99 {lt_p99:.1f} ms, {lt / empty:.2f}x empty"))
            rows.append((f"DescribeTasks of 100, {scale:,} tasks known", f"{dt:,.0f} req/s",
                         f"p99 {dt_p99:.1f} ms"))
            if scale == 1000:
                rss = runtime.rss_mib()
                rows.append(("resident memory, 1,000 tasks known (after the load)", f"{rss:.0f} MiB", ""))
    finally:
        runtime.close()
    startups = []
    for _ in range(3):
        again = Runtime("simulated", cache)
        startups.append(again.startup)
        again.close()
    shutil.rmtree(cache, ignore_errors=True)
    rows.append(("start to first answered request (median of 3)", f"{statistics.median(startups):.2f} s",
                 f"first run, before the class archive exists: {cold:.2f} s"))
    table(rows)


class Docker:
    """The engine's API on its unix socket (the raw peer: no CLI in the way)."""

    def __init__(self):
        self.sock = "/var/run/docker.sock"

    def call(self, method, path, body=None):
        conn = http.client.HTTPConnection("localhost", timeout=120)
        conn.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.sock.connect(self.sock)
        conn.request(method, path, json.dumps(body) if body is not None else None,
                     {"Content-Type": "application/json"})
        answer = conn.getresponse()
        data = answer.read()
        conn.close()
        if answer.status >= 300:
            raise SystemExit(f"docker {method} {path}: {answer.status} {data[:300]!r}")
        return json.loads(data) if data else None

    def create_start(self, network="default"):
        created = self.call("POST", "/containers/create", {
            "Image": IMAGE, "Cmd": ["sleep", "300"], "Labels": {"local-ecs-api.benchmark": "1"},
            "HostConfig": {"Memory": 16 * 1024 * 1024, "NetworkMode": network}})
        self.call("POST", f"/containers/{created['Id']}/start")
        return created["Id"]

    def remove_all(self):
        out = subprocess.run(["docker", "ps", "-aq", "--filter", "label=" + LABEL], capture_output=True, text=True)
        ids = out.stdout.split()
        if ids:
            subprocess.run(["docker", "rm", "-f", *ids], capture_output=True)


def ensure_image():
    if subprocess.run(["docker", "image", "inspect", IMAGE], capture_output=True).returncode == 0:
        return
    folder = tempfile.mkdtemp(prefix="bench-busybox-")
    try:
        os.makedirs(os.path.join(folder, "bin"))
        shutil.copy("/bin/busybox", os.path.join(folder, "bin"))
        applets = subprocess.run(["/bin/busybox", "--list"], capture_output=True, text=True).stdout.split()
        for applet in applets:
            if applet != "busybox":
                os.symlink("busybox", os.path.join(folder, "bin", applet))
        tar = subprocess.Popen(["tar", "-C", folder, "-c", "."], stdout=subprocess.PIPE)
        subprocess.run(["docker", "import", "-c", 'CMD ["sh"]', "-c", "ENV PATH=/bin", "-", IMAGE],
                       stdin=tar.stdout, check=True, capture_output=True)
        tar.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_to_running(runtime, family):
    started = time.monotonic()
    arn = runtime.call("RunTask", {"taskDefinition": family})["tasks"][0]["taskArn"]
    deadline = started + 60
    while True:
        task = runtime.call("DescribeTasks", {"tasks": [arn]})["tasks"][0]
        if task["lastStatus"] == "RUNNING":
            elapsed = time.monotonic() - started
            break
        if task["lastStatus"] == "STOPPED" or time.monotonic() > deadline:
            raise SystemExit(f"task {arn} did not run: {task.get('stoppedReason')}")
        time.sleep(0.01)
    runtime.call("StopTask", {"task": arn})
    return elapsed


def launches():
    print("== Launches (Docker engine; median of %d, after 2 warm-up runs) ==" % RUNS)
    ensure_image()
    docker = Docker()
    runtime = Runtime("docker")
    rows = []
    try:
        runtime.call("RegisterTaskDefinition", definition("bench-1", 1))
        runtime.call("RegisterTaskDefinition", definition("bench-5", 5))
        for _ in range(2):
            run_to_running(runtime, "bench-1")
            run_to_running(runtime, "bench-5")
        one = statistics.median(run_to_running(runtime, "bench-1") for _ in range(RUNS))
        five = statistics.median(run_to_running(runtime, "bench-5") for _ in range(RUNS))
        docker.remove_all()
        # peers: the same container through the CLI and through the API, on Docker's default bridge and on
        # the task network every task joins (a user-defined bridge costs Docker more per start)
        def cli(network):
            times = []
            for _ in range(RUNS):
                started = time.monotonic()
                subprocess.run(["docker", "run", "-d", "-m", "16m", "--network", network, "--label", LABEL, IMAGE,
                                "sleep", "300"], check=True, capture_output=True)
                times.append(time.monotonic() - started)
                docker.remove_all()
            return statistics.median(times)

        def raw(containers, network):
            times = []
            for _ in range(RUNS):
                started = time.monotonic()
                for _ in range(containers):
                    docker.create_start(network)
                times.append(time.monotonic() - started)
                docker.remove_all()
            return statistics.median(times)

        def raw_parallel(containers, network):
            # the physical limit of a parallel launch: the engine's own create+start, all at once
            times = []
            for _ in range(RUNS):
                started = time.monotonic()
                threads = [threading.Thread(target=docker.create_start, args=(network,)) for _ in range(containers)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                times.append(time.monotonic() - started)
                docker.remove_all()
            return statistics.median(times)

        cli_default, cli_task = cli("bridge"), cli(TASK_NETWORK)
        raw1, raw5, raw5_task = raw(1, "bridge"), raw(5, "bridge"), raw(5, TASK_NETWORK)
        parallel5_task = raw_parallel(5, TASK_NETWORK)
        rows.append(("RunTask -> RUNNING, 1 container (polled every 10 ms)", f"{one:.3f} s",
                     f"{one / cli_default:.2f}x docker run -d ({cli_default:.3f} s); {one / cli_task:.2f}x docker run "
                     f"-d --network {TASK_NETWORK} ({cli_task:.3f} s); {one / raw1:.2f}x raw API create+start "
                     f"({raw1:.3f} s)"))
        rows.append(("RunTask -> RUNNING, 5 independent containers", f"{five:.3f} s",
                     f"{five / raw5:.2f}x raw sequential create+start ({raw5:.3f} s); {five / raw5_task:.2f}x the "
                     f"same on {TASK_NETWORK} ({raw5_task:.3f} s); raw parallel create+start of the 5 on "
                     f"{TASK_NETWORK}: {parallel5_task:.3f} s = {parallel5_task / raw5:.2f}x raw sequential"))
    finally:
        runtime.close()
        docker.remove_all()
    table(rows)


def table(rows):
    width = max(len(r[0]) for r in rows)
    for name, value, beside in rows:
        print(f"  {name:<{width}}  {value:>14}  {beside}")
    sys.stdout.flush()


if __name__ == "__main__":
    print(f"local-ecs-api benchmark, {os.cpu_count()} cores, JVM settings of bin/local-ecs-api"
          + (" (quick)" if QUICK else ""))
    reads()
    launches()
