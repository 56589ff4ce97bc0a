namespace Ballast.Core.Tests; public class Placeholder {}
