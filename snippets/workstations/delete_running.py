import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# ws-67890 is running: the delete is refused and nothing changes.
r = client.delete("/workstations/ws-67890")
print(r.status_code, r.json()["code"])
#> 409 workstation_not_stopped
print(client.get("/workstations/ws-67890").json()["status"])
#> running

# Recover: stop it, then delete it.
stopped = client.post("/workstations/ws-67890/stop").raise_for_status()
r = client.delete("/workstations/ws-67890")
print(r.status_code, r.json()["deleted_volume_ids"])
#> 200 ['vol-boot67890']
