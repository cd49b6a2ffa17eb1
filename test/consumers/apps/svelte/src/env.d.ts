/// <reference types="ps-widgets/svelte" />
