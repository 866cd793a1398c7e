export default defineBackground(() => {
  console.log('LiqLens background');
});
