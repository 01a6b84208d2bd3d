"""Seeds a runtime with tasks for the read benchmarks: registers a one-container definition, runs tasks
(10 per RunTask call) and stops all but a few, so that ListTasks(desiredStatus STOPPED) and DescribeTasks have
work to do. Usage: seed.py <port> <tasks> <out-dir>; writes the request bodies wrk sends into out-dir."""
import http.client
import json
import os
import sys

PORT = int(sys.argv[1])
COUNT = int(sys.argv[2])
OUT = sys.argv[3]
TARGET = "AmazonEC2ContainerServiceV20141113."
conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)


def call(action, body):
    conn.request("POST", "/", json.dumps(body), {
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + action,
        "Authorization": "AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/ecs/aws4_request, "
                         "SignedHeaders=host, Signature=0"})
    answer = conn.getresponse()
    data = answer.read()
    if answer.status != 200:
        raise SystemExit(f"{action} answered {answer.status}: {data[:300]!r}")
    return json.loads(data)


call("RegisterTaskDefinition", {"family": "bench-read", "containerDefinitions": [
    {"name": "app", "image": "busybox", "memory": 16, "essential": True, "command": ["sleep", "300"],
     "portMappings": [{"containerPort": 8080}], "environment": [{"name": "MODE", "value": "bench"}]}]})
arns = []
while len(arns) < COUNT:
    n = min(10, COUNT - len(arns))
    arns += [t["taskArn"] for t in call("RunTask", {"taskDefinition": "bench-read", "count": n})["tasks"]]
for arn in arns:
    call("StopTask", {"task": arn, "reason": "seeded for the benchmark"})
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "list-stopped.json"), "w") as f:
    json.dump({"desiredStatus": "STOPPED"}, f)
with open(os.path.join(OUT, "describe-100.json"), "w") as f:
    json.dump({"tasks": arns[:100]}, f)
with open(os.path.join(OUT, "describe-td.json"), "w") as f:
    json.dump({"taskDefinition": "bench-read"}, f)
print(f"seeded {len(arns)} tasks")
