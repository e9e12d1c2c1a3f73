-- Argo CD health of a Proctor TestSuiteRun (proctor.dev/v1alpha1).
-- Progressing while the run is Pending or Running, Healthy when it Succeeded, Degraded when it Failed or
-- ended in Error, with the operator's message. Reads the conditions the operator writes (Complete turns True
-- when the run finished either way, Failed tells which) and falls back to status.phase. As a PostSync hook, a
-- Degraded run fails the sync.
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

-- "<reason>: <message>", then the first failed tests the status names (it keeps at most 50).
local function describe(status, fallback)
  local text = fallback
  if status.message ~= nil and status.message ~= "" then
    text = status.message
    if status.reason ~= nil and status.reason ~= "" then
      text = status.reason .. ": " .. status.message
    end
  end
  local failed = status.failedTests
  if failed ~= nil and #failed > 0 then
    local shown = {}
    for i = 1, math.min(3, #failed) do
      shown[i] = failed[i]
    end
    text = text .. "; failed: " .. table.concat(shown, ", ")
    local more = #failed - #shown + (status.failedTestsOmitted or 0)
    if more > 0 then
      text = text .. " and " .. more .. " more"
    end
  end
  return text
end

local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Proctor operator to plan the run"
  return hs
end

local generation = obj.metadata.generation
if generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Proctor operator to observe generation " .. generation
  return hs
end

local complete = condition(status, "Complete")
local failed = condition(status, "Failed")
if complete ~= nil and complete.status == "True" then
  if failed ~= nil and failed.status == "True" then
    hs.status = "Degraded"
    hs.message = describe(status, failed.reason .. ": " .. (failed.message or ""))
  else
    hs.status = "Healthy"
    hs.message = status.message or complete.message or "Succeeded"
  end
  return hs
end

local phase = status.phase
if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = status.message or "Succeeded"
elseif phase == "Failed" or phase == "Error" then
  hs.status = "Degraded"
  hs.message = describe(status, phase)
elseif phase == "Pending" or phase == "Running" then
  hs.status = "Progressing"
  if status.shardsDone ~= nil then
    hs.message = phase .. ": " .. status.shardsDone .. " shards finished"
  else
    hs.message = phase
  end
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
