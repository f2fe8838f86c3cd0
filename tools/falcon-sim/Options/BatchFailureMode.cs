namespace FalconSim;

/// <summary>What a create or update batch does when some of its items fail validation.</summary>
/// <remarks>Falcon's real behaviour is unknown (the spec marks it so); the default is the strict reading.</remarks>
public enum BatchFailureMode
{
    /// <summary>Any failing item fails the whole request: 400, nothing is written.</summary>
    AllOrNothing,

    /// <summary>Valid items are written; the answer is 400 with the written items in <c>resources</c> and the failures in <c>errors</c>.</summary>
    PartialCommit,
}
