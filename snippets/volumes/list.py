import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# Every volume, two at a time: follow next_cursor until it is null.
params = {"limit": 2}
while True:
    page = client.get("/volumes", params=params).json()
    for volume in page["data"]:
        print(volume["id"], volume["standalone"], volume["attached_to"])
        #> vol-boot12345 False ws-12345
        #> vol-data12345 True ws-12345
        #> vol-boot67890 False ws-67890
        #> vol-scratch01 True None
    if page["next_cursor"] is None:
        break
    params["cursor"] = page["next_cursor"]
