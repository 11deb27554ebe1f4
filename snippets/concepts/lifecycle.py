import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# Change the machine type of the running ws-67890: stop, update, start.
print(client.get("/workstations/ws-67890").json()["status"])
#> running
print(client.post("/workstations/ws-67890/stop").json()["status"])
#> stopped
r = client.patch("/workstations/ws-67890", json={"machine_type": "standard-4"})
print(r.json()["machine_type"])
#> standard-4
print(client.post("/workstations/ws-67890/start").json()["status"])
#> running
