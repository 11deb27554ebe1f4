import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# Sending ws-12345 the name it already has (dev-box, read here) changes nothing.
before = client.get("/workstations/ws-12345").json()
r = client.patch("/workstations/ws-12345", json={"name": before["name"]})
print(r.status_code, r.json() == before)
#> 200 True
print(r.json()["updated_at"])
#> 2026-01-09T17:45:00Z

# A new value moves updated_at.
r = client.patch("/workstations/ws-12345", json={"name": "dev-box-2"})
print(r.json()["updated_at"])
#> 2026-02-01T12:00:00Z
