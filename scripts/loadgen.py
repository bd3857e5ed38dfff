"""A small HTTP load client: N concurrent clients for at most D seconds or M
requests, each on its own keep-alive connection from its own loopback address
(127.0.0.2, 127.0.0.3, ...). Prints one JSON object: requests, statuses,
requests/s and p50/p95/p99 latency in milliseconds.

POST mode sends the public complaint form: every request a fresh submission
key, with the CSRF token and form stamp given on the command line."""

import argparse
import asyncio
import json
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx


def percentile(ordered: list[float], share: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def client(number: int, args, deadline: float, budget: list[int], latencies: list[float], statuses: Counter):
    transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{2 + number % 250}", retries=0)
    headers = {"Cookie": args.cookie} if args.cookie else {}
    form = json.loads(args.form) if args.form else None
    async with httpx.AsyncClient(transport=transport, timeout=30, headers=headers, follow_redirects=False) as http:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            started = time.perf_counter()
            try:
                if form is not None:
                    key, stamp = args.stamp_pairs[budget[0] % len(args.stamp_pairs)] if args.stamp_pairs else ("", "")
                    data = {**form, "submission_key": key or str(uuid.uuid4()), "form_stamp": stamp}
                    response = await http.post(args.url, data=data)
                else:
                    response = await http.get(args.url)
                await response.aread()
                statuses[response.status_code] += 1
            except httpx.HTTPError as error:
                # A timeout counts with the time it took: leaving it out would flatter the percentiles.
                statuses[type(error).__name__] += 1
            latencies.append(time.perf_counter() - started)


async def run(args) -> dict:
    latencies: list[float] = []
    statuses: Counter = Counter()
    budget = [args.max_requests]
    started = time.perf_counter()
    deadline = started + args.duration
    await asyncio.gather(*(client(n, args, deadline, budget, latencies, statuses) for n in range(args.concurrency)))
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "seconds": round(elapsed, 2),
        "rps": round(len(ordered) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 1),
        "p95_ms": round(percentile(ordered, 0.95) * 1000, 1),
        "p99_ms": round(percentile(ordered, 0.99) * 1000, 1),
        "statuses": {str(key): value for key, value in sorted(statuses.items(), key=str)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--cookie", default="", help="Cookie header, e.g. sessionid=...")
    parser.add_argument("--form", default="", help="JSON object of form fields: POST instead of GET")
    parser.add_argument("--stamps", default="", help="JSON file of [submission key, form stamp] pairs, one per POST")
    args = parser.parse_args()
    args.stamp_pairs = json.loads(Path(args.stamps).read_text()) if args.stamps else []
    print(json.dumps(asyncio.run(run(args))))


if __name__ == "__main__":
    main()
