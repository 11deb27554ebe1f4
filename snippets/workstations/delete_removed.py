import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# The old endpoint answers 410 Gone and deletes nothing.
r = client.get("/workstations/ws-12345/delete")
print(r.status_code, r.json()["code"])
#> 410 endpoint_removed
print(client.get("/workstations/ws-12345").json()["status"])
#> stopped

# A malformed ID is refused first, as on every call that takes an ID.
r = client.get("/workstations/ws-bad!/delete")
print(r.status_code, r.json()["code"])
#> 400 invalid_id
