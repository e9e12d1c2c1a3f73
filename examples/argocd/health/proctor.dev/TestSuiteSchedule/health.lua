-- Argo CD health of a Proctor TestSuiteSchedule (proctor.dev/v1alpha1).
-- Suspended while spec.suspend is true; Degraded when Ready=False (the schedule or time zone cannot be read, or the
-- API server refused a run made from the template); Healthy otherwise, saying when the next run is and how the
-- last one ended (a failed run is the run's own health, and the SLAPolicy's); Progressing until the operator has
-- read the current generation.
local hs = {}

local function condition(status, type)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local status = obj.status
local generation = obj.metadata.generation
local ready = nil
if status ~= nil then
  ready = condition(status, "Ready")
end
if ready == nil or status.observedGeneration == nil
    or (generation ~= nil and status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Proctor operator to read the schedule"
  return hs
end

if ready.status == "False" then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. (ready.message or "")
  return hs
end

if obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended: no runs are made"
  return hs
end

hs.status = "Healthy"
local message = "Next run at " .. (status.nextScheduleTime or "(none)")
if status.lastRun ~= nil and status.lastResult ~= nil then
  message = message .. "; last run " .. status.lastRun .. " " .. status.lastResult
end
if status.activeCount ~= nil and status.activeCount > 0 then
  message = message .. "; " .. status.activeCount .. " running"
end
hs.message = message
return hs
