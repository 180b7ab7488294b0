import{a as r,b as e}from"./chunk-NV3KIAZN.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{r as GitGraphModule,e as createGitGraphServices};
