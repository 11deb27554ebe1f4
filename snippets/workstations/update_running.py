import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# ws-67890 is running: the update is refused and nothing changes.
r = client.patch("/workstations/ws-67890", json={"machine_type": "highmem-8"})
print(r.status_code, r.json()["code"])
#> 409 workstation_not_stopped

# Recover: stop it, update it, start it again.
stopped = client.post("/workstations/ws-67890/stop").raise_for_status()
r = client.patch("/workstations/ws-67890", json={"machine_type": "highmem-8"})
print(r.status_code, r.json()["machine_type"])
#> 200 highmem-8
r = client.post("/workstations/ws-67890/start")
print(r.status_code, r.json()["status"])
#> 200 running
