const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = {
  Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}`,
  "Content-Type": "application/json",
};

// "status" is read-only and "machine" is not a field: nothing is created.
const r = await fetch(`${BASE_URL}/workstations`, {
  method: "POST",
  headers,
  body: JSON.stringify({ name: "ml-box", machine: "gpu-t4", status: "stopped" }),
});
const problem = await r.json();
console.log(r.status, problem.code);
//> 400 validation_error
for (const error of problem.errors) {
  console.log(error.field, error.message);
  //> body.machine_type is required
  //> body.machine is not a known field
  //> body.status is read-only
}
