using CmkFunctions.Host.Validation;

namespace CmkFunctions.Host.Api;

/// <summary>What the resource handlers depend on, bound with <c>[AsParameters]</c>.</summary>
public sealed record ResourcesApiServices(IGrainFactory Grains, ResourceAdmission Admission, HttpContext Http);
