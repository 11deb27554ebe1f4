import os
import uuid

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# A new key for each new workstation, written as a quoted string.
headers = {"Idempotency-Key": f'"{uuid.uuid4()}"'}
body = {"name": "ml-box", "machine_type": "gpu-t4"}

first = client.post("/workstations", json=body, headers=headers)
print(first.status_code, first.headers["Location"])
#> 201 /v1/workstations/ws-u5fvlr50

# Say the answer was lost on the way. Send the same request again, with
# the same key: the first answer comes back, and nothing is created.
retry = client.post("/workstations", json=body, headers=headers)
print(retry.status_code, retry.headers["Location"], retry.json() == first.json())
#> 201 /v1/workstations/ws-u5fvlr50 True

# One ml-box, not two.
names = [w["name"] for w in client.get("/workstations").json()["data"]]
print(names.count("ml-box"))
#> 1

# The key belongs to that request: with another body it is refused.
r = client.post("/workstations", json={**body, "name": "ml-box-2"}, headers=headers)
print(r.status_code, r.json()["code"])
#> 422 idempotency_key_reused
