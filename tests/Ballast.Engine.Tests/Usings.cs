namespace Ballast.Engine.Tests; public class Placeholder {}
