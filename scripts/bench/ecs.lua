-- wrk script: one ECS JSON 1.1 call, read from the environment (BENCH_TARGET, BENCH_BODY_FILE).
local target = os.getenv("BENCH_TARGET")
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "r"))
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AmazonEC2ContainerServiceV20141113." .. target
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0"

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then
      io.stderr:write("non-200 answer " .. status .. ": " .. string.sub(body, 1, 300) .. "\n")
    end
  end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status))
end
