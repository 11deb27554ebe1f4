import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# "status" is read-only and "machine" is not a field: nothing is created.
r = client.post(
    "/workstations",
    json={"name": "ml-box", "machine": "gpu-t4", "status": "stopped"},
)
print(r.status_code, r.json()["code"])
#> 400 validation_error
for error in r.json()["errors"]:
    print(error["field"], error["message"])
    #> body.machine_type is required
    #> body.machine is not a known field
    #> body.status is read-only
